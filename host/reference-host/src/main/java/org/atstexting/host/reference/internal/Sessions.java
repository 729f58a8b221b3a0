package org.atstexting.host.reference.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The browser sessions of the reference host's form login: a random token (in an
 * HttpOnly, SameSite=Strict cookie) names the user for {@value #IDLE_MINUTES} idle minutes.
 * Kept in memory: a restart signs everyone out.
 */
final class Sessions {

    static final String COOKIE = "ATS_SESSION";
    static final long IDLE_MINUTES = 60;
    static final int MAX_SESSIONS = 10_000;

    private record Session(String user, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    String open(String user) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> s.expires().isBefore(now));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(user, now.plus(Duration.ofMinutes(IDLE_MINUTES))));
        return token;
    }

    Optional<String> user(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Session session = sessions.get(token);
        Instant now = clock.instant();
        if (session == null || session.expires().isBefore(now)) {
            sessions.remove(token);
            return Optional.empty();
        }
        sessions.put(token, new Session(session.user(), now.plus(Duration.ofMinutes(IDLE_MINUTES))));
        return Optional.of(session.user());
    }

    void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }
}
