package org.atstexting.texting.core.internal.schedule;

import java.net.URL;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.atstexting.texting.ScheduledText;
import org.atstexting.texting.jdbc.SqlWork;
import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * Scheduled items in the shared database ({@code schedule_item}), with the request they send
 * as JSON. A node claims due items with {@code FOR UPDATE SKIP LOCKED}: each goes out from
 * exactly one node, and the outcome is stored in the transaction that marks it sent.
 */
final class ScheduleStore {

    private static final String COLUMNS = "id, user_id, kind, send_at, state, request, description, outcome, detail, "
            + "created_at";
    private static final String LEASE = "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '1' SECOND";

    /** A stored item and the request it sends. */
    record Item(ScheduledText view, String request) {
    }

    private final TextingDatabase db;

    ScheduleStore(TextingDatabase db) {
        this.db = db;
        URL script = ScheduleStore.class.getResource("/db/schedule/V1__schedule_tables.sql");
        try {
            db.migrate("schedule", List.of(script));
        } catch (SQLException e) {
            throw new IllegalStateException("The schedule tables could not be created: " + e.getMessage(), e);
        }
    }

    void create(ScheduledText item, String request) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO schedule_item (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(s, item.id(), item.userId(), item.kind().name(), item.sendAt(), item.state().name(), request,
                        item.description(), item.outcome(), item.detail(), item.createdAt());
                return s.executeUpdate();
            }
        });
    }

    Optional<Item> item(String id) {
        return items("SELECT " + COLUMNS + " FROM schedule_item WHERE id = ?", id).stream().findFirst();
    }

    List<Item> items(String userId) {
        return userId == null ? items("SELECT " + COLUMNS + " FROM schedule_item ORDER BY send_at")
                : items("SELECT " + COLUMNS + " FROM schedule_item WHERE user_id = ? ORDER BY send_at", userId);
    }

    /** Claims items due at {@code now} for this node; returns what it now holds. */
    List<Item> claimDue(String node, Instant now, int leaseSeconds, int n) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE schedule_item SET state = 'SENDING', claimed_by = ?, "
                    + "claimed_until = " + LEASE + " WHERE id IN (SELECT id FROM schedule_item WHERE state = "
                    + "'SCHEDULED' AND send_at <= ? FETCH FIRST " + n + " ROWS ONLY FOR UPDATE SKIP LOCKED)")) {
                bind(s, node, leaseSeconds, now);
                s.executeUpdate();
            }
            return query(c, "SELECT " + COLUMNS + " FROM schedule_item WHERE state = 'SENDING' AND claimed_by = ?",
                    node);
        });
    }

    /** Items another node was sending when its claim ran out (it died): taken over, to be settled without a resend. */
    List<Item> claimAbandoned(String node, int leaseSeconds) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE schedule_item SET claimed_by = ?, claimed_until = "
                    + LEASE + " WHERE id IN (SELECT id FROM schedule_item WHERE state = 'SENDING' AND claimed_until "
                    + "< CURRENT_TIMESTAMP AND claimed_by <> ? FETCH FIRST 20 ROWS ONLY FOR UPDATE SKIP LOCKED)")) {
                bind(s, node, leaseSeconds, node);
                if (s.executeUpdate() == 0) {
                    return List.<Item>of();
                }
            }
            return query(c, "SELECT " + COLUMNS + " FROM schedule_item WHERE state = 'SENDING' AND claimed_by = ?",
                    node);
        });
    }

    /** Ends an item this node holds: SENT, FAILED, or back to SCHEDULED at a later time (quiet hours). */
    boolean settle(String id, String node, ScheduledText.State state, Instant sendAt, String outcome, String detail) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE schedule_item SET state = ?, send_at = ?, "
                    + "outcome = ?, detail = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ? AND "
                    + "state = 'SENDING' AND claimed_by = ?")) {
                bind(s, state.name(), sendAt, outcome, detail, id, node);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Cancels an item that has not gone; false when it is no longer scheduled. */
    boolean cancel(String id) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE schedule_item SET state = 'CANCELLED' WHERE id = ? "
                    + "AND state = 'SCHEDULED'")) {
                s.setString(1, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    private List<Item> items(String sql, Object... args) {
        return run(c -> query(c, sql, args));
    }

    private static List<Item> query(java.sql.Connection c, String sql, Object... args) throws SQLException {
        List<Item> result = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(new Item(new ScheduledText(rs.getString("id"), rs.getString("user_id"),
                            ScheduledText.Kind.valueOf(rs.getString("kind")), TextingDatabase.instant(rs, "send_at"),
                            ScheduledText.State.valueOf(rs.getString("state")), rs.getString("description"),
                            rs.getString("outcome"), rs.getString("detail"), TextingDatabase.instant(rs, "created_at")),
                            rs.getString("request")));
                }
            }
        }
        return result;
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Instant instant) {
                s.setObject(i + 1, TextingDatabase.timestamp(instant));
            } else if (a == null) {
                s.setNull(i + 1, java.sql.Types.VARCHAR);
            } else {
                s.setObject(i + 1, a);
            }
        }
    }

    private <T> T run(SqlWork<T> work) {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("The schedule table could not be read or written: " + e.getMessage(), e);
        }
    }
}
