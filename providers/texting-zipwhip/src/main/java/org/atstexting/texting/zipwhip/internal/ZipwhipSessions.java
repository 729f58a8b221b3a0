package org.atstexting.texting.zipwhip.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

/**
 * Keeps one Zipwhip session per account and logs in again, once, when Zipwhip says a
 * session is no longer valid. A session belongs to the whole credentials (username,
 * number and password, kept as a SHA-256 digest): when the core hands over different
 * credentials for the same username (the password was replaced), the old session is
 * dropped and logged out, and the new credentials must log in on their own, so a wrong new
 * password never sends on the old session. Session keys stay in memory only: never logged,
 * never stored, never part of an exception message. Concurrent first calls of one account
 * log in once.
 */
final class ZipwhipSessions {

    private static final Logger LOG = Logger.getLogger(ZipwhipSessions.class.getName());
    /** Zipwhip's session key, {@code <uuid>:<number>} (zipwhip-api.md); the number is the account's. */
    private static final Pattern KEY_NUMBER = Pattern.compile("^[0-9a-fA-F-]{36}:([0-9]{4,15})$");

    /** A Zipwhip method called with a session key. */
    interface SessionCall {
        ZipwhipReply call(String sessionKey) throws ProviderException;
    }

    private record Session(String credentialsDigest, String key) {
    }

    private final ZipwhipApi api;
    private final BiConsumer<ProviderCredentials, String> onNewSession;
    private final Consumer<Runnable> background;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> loginLocks = new ConcurrentHashMap<>();

    /**
     * @param onNewSession told of every new session (e.g. to check the webhooks); must not throw
     * @param background   runs a task off the caller's thread (the logout of a replaced session)
     */
    ZipwhipSessions(ZipwhipApi api, BiConsumer<ProviderCredentials, String> onNewSession,
            Consumer<Runnable> background) {
        this.api = api;
        this.onNewSession = onNewSession;
        this.background = background;
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

    /** The account number a session key names ({@code <uuid>:<number>}), if it is shaped so. */
    static Optional<String> keyNumber(String sessionKey) {
        Matcher m = KEY_NUMBER.matcher(sessionKey);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Ends a session at Zipwhip, best effort (a failure is logged, the session is forgotten anyway). */
    void logout(String sessionKey) {
        try {
            api.call("user/logout", Map.of("session", sessionKey));
        } catch (ProviderException | RuntimeException e) {
            LOG.fine(() -> "Zipwhip's user/logout failed: " + e.getMessage());
        }
    }

    static String digest(ProviderCredentials credentials) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { credentials.username(), credentials.phoneNumber(),
                    credentials.password() }) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * Drops the cached session of this username if it was made with other credentials
     * (they were replaced), logging it out in the background.
     */
    void checkReplaced(ProviderCredentials credentials) {
        Session cached = sessions.get(credentials.username());
        if (cached != null && !cached.credentialsDigest().equals(digest(credentials))
                && sessions.remove(credentials.username(), cached)) {
            LOG.info(() -> "The Zipwhip credentials of " + credentials.username() + " changed; their old session "
                    + "is logged out");
            background.accept(() -> logout(cached.key()));
        }
    }

    /** The account's session, logging in if there is none (or only {@code stale}). */
    private String session(ProviderCredentials credentials, String stale) throws ProviderException {
        checkReplaced(credentials);
        String username = credentials.username();
        String digest = digest(credentials);
        Session current = sessions.get(username);
        if (current != null && !current.key().equals(stale) && current.credentialsDigest().equals(digest)) {
            return current.key();
        }
        synchronized (loginLocks.computeIfAbsent(username, k -> new Object())) {
            current = sessions.get(username);
            if (current != null && !current.key().equals(stale) && current.credentialsDigest().equals(digest)) {
                return current.key(); // another thread logged in meanwhile
            }
            String fresh = login(credentials);
            sessions.put(username, new Session(digest, fresh));
            onNewSession.accept(credentials, fresh);
            return fresh;
        }
    }

    /** Calls a method with the account's session, logging in first if needed and once more if it expired. */
    ZipwhipReply withSession(ProviderCredentials credentials, SessionCall call) throws ProviderException {
        String session = session(credentials, null);
        ZipwhipReply reply = call.call(session);
        if (reply.sessionInvalid()) {
            sessions.computeIfPresent(credentials.username(), (k, s) -> s.key().equals(session) ? null : s);
            reply = call.call(session(credentials, session));
        }
        return reply;
    }

    /** Forgets the account's session and logs it out (its credentials were removed). */
    void forget(String username) {
        Session gone = sessions.remove(username);
        if (gone != null) {
            logout(gone.key());
        }
    }
}
