package org.atstexting.texting.zipwhip.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

/**
 * Keeps one Zipwhip session per account and logs in again, once, when Zipwhip says a
 * session is no longer valid. Session keys stay in memory only: never logged, never stored.
 */
final class ZipwhipSessions {

    /** A Zipwhip method called with a session key. */
    interface SessionCall {
        ZipwhipReply call(String sessionKey) throws ProviderException;
    }

    private final ZipwhipApi api;
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    ZipwhipSessions(ZipwhipApi api) {
        this.api = api;
    }

    /** Logs in and returns a fresh session key. */
    String login(ProviderCredentials credentials) throws ProviderException {
        ZipwhipReply reply = api.call("user/login",
                Map.of("username", credentials.username(), "password", credentials.password()));
        // Zipwhip's code for a bad password is not documented: any failed login is treated as one
        if (!reply.success()) {
            throw new ProviderException(Kind.BAD_CREDENTIALS, "Zipwhip refused the username or password of "
                    + credentials.username() + ": " + reply.errorText());
        }
        if (reply.response() == null || !reply.response().isJsonPrimitive()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip's login answer carried no session");
        }
        String session = reply.response().getAsString();
        sessions.put(credentials.username(), session);
        return session;
    }

    /** Calls a method with the account's session, logging in first if needed and once more if it expired. */
    ZipwhipReply withSession(ProviderCredentials credentials, SessionCall call) throws ProviderException {
        String session = sessions.get(credentials.username());
        if (session == null) {
            session = login(credentials);
        }
        ZipwhipReply reply = call.call(session);
        if (reply.sessionInvalid()) {
            sessions.remove(credentials.username(), session);
            reply = call.call(login(credentials));
        }
        return reply;
    }
}
