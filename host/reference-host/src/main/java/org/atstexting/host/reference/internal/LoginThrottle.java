package org.atstexting.host.reference.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * Slows down password guessing. After {@value #FREE_FAILURES} failed logins for one user
 * from one address, that pair must wait before the next try: 30 s, doubling with every
 * further failure, at most 15 minutes; while it waits even the right password is refused.
 * One address failing for many users is throttled the same way after
 * {@value #FREE_ADDRESS_FAILURES} failures. A success clears the pair's count. Other
 * addresses are not affected, so a guesser cannot lock the real user out from elsewhere.
 *
 * <p>The counts are rows of {@code host_login_failure}, shared by every node, so a guesser
 * behind a balancer gets no more tries from more nodes; each failure is one atomic increment.
 * Counts older than {@link #MEMORY} are forgotten and deleted.
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final int FREE_ADDRESS_FAILURES = 20;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    /** Failures older than this are forgotten (and their rows deleted). */
    static final Duration MEMORY = Duration.ofHours(1);

    private record Failures(int count, Instant last) {
    }

    private final HostStore store;
    private final Clock clock;

    LoginThrottle(HostStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** How long the caller must still wait before a login is checked, if at all. */
    Optional<Duration> waitFor(String user, String address) {
        Instant now = clock.instant();
        return store.read(c -> {
            Optional<Duration> pair = wait(failures(c, pairKey(user, address)), FREE_FAILURES, now);
            Optional<Duration> all = wait(failures(c, addressKey(address)), FREE_ADDRESS_FAILURES, now);
            if (pair.isPresent() && all.isPresent()) {
                return Optional.of(pair.get().compareTo(all.get()) > 0 ? pair.get() : all.get());
            }
            return pair.isPresent() ? pair : all;
        });
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        store.write(c -> {
            count(c, pairKey(user, address), now); // always the pair first: two nodes lock in one order
            count(c, addressKey(address), now);
            return null;
        });
        store.write(c -> {
            try (PreparedStatement prune = c.prepareStatement("DELETE FROM host_login_failure WHERE last_at < ?")) {
                prune.setObject(1, TextingDatabase.timestamp(now.minus(MEMORY)));
                return prune.executeUpdate();
            }
        });
    }

    void succeeded(String user, String address) {
        store.write(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM host_login_failure WHERE throttle_key = ?")) {
                delete.setString(1, pairKey(user, address));
                return delete.executeUpdate();
            }
        });
    }

    /** One more failure, in one statement after the row exists (a count older than MEMORY starts again). */
    private static void count(Connection c, String key, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO host_login_failure "
                + "(throttle_key, failures, last_at) VALUES (?, 0, ?) ON CONFLICT DO NOTHING");
                PreparedStatement update = c.prepareStatement("UPDATE host_login_failure SET failures = "
                        + "CASE WHEN last_at < ? THEN 1 ELSE failures + 1 END, last_at = ? WHERE throttle_key = ?")) {
            insert.setString(1, key);
            insert.setObject(2, TextingDatabase.timestamp(now));
            insert.executeUpdate();
            update.setObject(1, TextingDatabase.timestamp(now.minus(MEMORY)));
            update.setObject(2, TextingDatabase.timestamp(now));
            update.setString(3, key);
            update.executeUpdate();
        }
    }

    private static Failures failures(Connection c, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT failures, last_at FROM host_login_failure WHERE throttle_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Failures(row.getInt("failures"), TextingDatabase.instant(row, "last_at")) : null;
            }
        }
    }

    private static Optional<Duration> wait(Failures f, int free, Instant now) {
        if (f == null || f.count() < free || f.last().plus(MEMORY).isBefore(now)) {
            return Optional.empty();
        }
        int doublings = Math.min(f.count() - free, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        Duration left = Duration.between(now, f.last().plus(wait));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** The row of one user from one address: a hash, so any name a caller sends fits and none is stored. */
    private static String pairKey(String user, String address) {
        return Sessions.hash("u\u0000" + user + "\u0000" + address);
    }

    private static String addressKey(String address) {
        return Sessions.hash("a\u0000" + address);
    }
}
