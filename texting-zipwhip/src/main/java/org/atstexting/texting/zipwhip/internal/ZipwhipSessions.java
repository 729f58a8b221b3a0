package org.atstexting.texting.zipwhip.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

/**
 * Keeps one Zipwhip session per account and logs in again, once, when Zipwhip says a
 * session is no longer valid. Session keys stay in memory only: never logged, never
 * stored, never part of an exception message. Concurrent first calls of one account log
 * in once.
 */
final class ZipwhipSessions {

    /** A Zipwhip method called with a session key. */
    interface SessionCall {
        ZipwhipReply call(String sessionKey) throws ProviderException;
    }

    private final ZipwhipApi api;
    private final BiConsumer<ProviderCredentials, String> onNewSession;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> loginLocks = new ConcurrentHashMap<>();

    /**
     * @param onNewSession told of every new session (e.g. to install the webhook); must not throw
     */
    ZipwhipSessions(ZipwhipApi api, BiConsumer<ProviderCredentials, String> onNewSession) {
        this.api = api;
        this.onNewSession = onNewSession;
    }

    /** Logs in and returns a fresh session key, without remembering it (Test uses this). */
    String login(ProviderCredentials credentials) throws ProviderException {
        ZipwhipReply reply = api.call("user/login",
                Map.of("username", credentials.username(), "password", credentials.password()));
        // Zipwhip's code for a bad password is not documented: any failed login is treated as one
        if (!reply.success()) {
            throw new ProviderException(Kind.BAD_CREDENTIALS, "Zipwhip refused the username or password of "
                    + credentials.username() + ": " + reply.errorText());
        }
        if (reply.response() == null || !reply.response().isJsonPrimitive()
                || reply.response().getAsString().isBlank()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip's login answer carried no session");
        }
        return reply.response().getAsString();
    }

    /** The account's session, logging in if there is none (or only {@code stale}). */
    private String session(ProviderCredentials credentials, String stale) throws ProviderException {
        String username = credentials.username();
        String current = sessions.get(username);
        if (current != null && !current.equals(stale)) {
            return current;
        }
        synchronized (loginLocks.computeIfAbsent(username, k -> new Object())) {
            current = sessions.get(username);
            if (current != null && !current.equals(stale)) {
                return current; // another thread logged in meanwhile
            }
            String fresh = login(credentials);
            sessions.put(username, fresh);
            onNewSession.accept(credentials, fresh);
            return fresh;
        }
    }

    /** Calls a method with the account's session, logging in first if needed and once more if it expired. */
    ZipwhipReply withSession(ProviderCredentials credentials, SessionCall call) throws ProviderException {
        String session = session(credentials, null);
        ZipwhipReply reply = call.call(session);
        if (reply.sessionInvalid()) {
            sessions.remove(credentials.username(), session);
            reply = call.call(session(credentials, session));
        }
        return reply;
    }

    /** Forgets the account's session (e.g. when Zipwhip refused it twice). */
    void forget(String username) {
        sessions.remove(username);
    }
}
