package org.atstexting.host.reference.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * The browser sessions of the reference host's form login: a random token (in an HttpOnly,
 * SameSite=Strict cookie) names the user for {@value #IDLE_MINUTES} idle minutes. Kept in
 * {@code host_session}, which every node shares, so a balancer need not be sticky: a login on one
 * node holds on all, and signing out on any ends it everywhere. Only the token's SHA-256 is stored,
 * so the table (a backup, a log of it) holds nothing a browser could present.
 *
 * <p>The idle time is renewed at most once a minute per session, so a page's calls do not each
 * write to the database; expired sessions are deleted whenever one is opened.
 */
final class Sessions {

    static final String COOKIE = "ATS_SESSION";
    static final long IDLE_MINUTES = 60;
    /** A renewal within this much of the last one is skipped. */
    static final Duration RENEW_AFTER = Duration.ofMinutes(1);
    /** Our tokens are 43 characters; anything much longer is no token of ours. */
    static final int MAX_TOKEN = 100;

    private static final Duration IDLE = Duration.ofMinutes(IDLE_MINUTES);

    private final SecureRandom random = new SecureRandom();
    private final HostStore store;
    private final Clock clock;

    Sessions(HostStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    String open(String user) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        store.write(c -> {
            try (PreparedStatement prune = c.prepareStatement("DELETE FROM host_session WHERE expires_at < ?");
                    PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO host_session (token_hash, user_id, expires_at) VALUES (?, ?, ?)")) {
                prune.setObject(1, TextingDatabase.timestamp(now));
                prune.executeUpdate();
                insert.setString(1, hash(token));
                insert.setString(2, user);
                insert.setObject(3, TextingDatabase.timestamp(now.plus(IDLE)));
                return insert.executeUpdate();
            }
        });
        return token;
    }

    /** The session's user, if the token names a live session (whose idle time starts again). */
    Optional<String> user(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = clock.instant();
        return store.write(c -> {
            String user;
            Instant expires;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT user_id, expires_at FROM host_session WHERE token_hash = ?")) {
                select.setString(1, hash);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.<String>empty();
                    }
                    user = row.getString("user_id");
                    expires = TextingDatabase.instant(row, "expires_at");
                }
            }
            if (expires.isBefore(now)) {
                delete(c, hash);
                return Optional.<String>empty();
            }
            if (expires.isBefore(now.plus(IDLE).minus(RENEW_AFTER))) {
                try (PreparedStatement renew = c.prepareStatement(
                        "UPDATE host_session SET expires_at = ? WHERE token_hash = ?")) {
                    renew.setObject(1, TextingDatabase.timestamp(now.plus(IDLE)));
                    renew.setString(2, hash);
                    renew.executeUpdate();
                }
            }
            return Optional.of(user);
        });
    }

    /** Ends the session on every node. */
    void close(String token) {
        if (token != null && !token.isEmpty() && token.length() <= MAX_TOKEN) {
            String hash = hash(token);
            store.write(c -> delete(c, hash));
        }
    }

    private static int delete(Connection c, String hash) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM host_session WHERE token_hash = ?")) {
            delete.setString(1, hash);
            return delete.executeUpdate();
        }
    }

    /** SHA-256, hex: what identifies a session in the database (and in tests), never the token. */
    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
