package org.atstexting.texting.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@code core_change}: every change of the state a send consults (a number's opt-out
 * state, an owner's credential sets), numbered in commit order. Writers add a row in the
 * transaction that makes the change; each node's {@link ChangeFeed} reads the rows after the last
 * one it applied.
 */
public final class ChangeLog {

    /** What changed. */
    public enum Kind {
        /** A number opted out (item: the number, E.164). */
        OPT_OUT,
        /** A number opted in again (item: the number). */
        OPT_IN,
        /** An owner's credential sets (item: the owner, {@link #ANY_OWNER} for all, "" for the system's). */
        CREDENTIALS
    }

    /** The item of a change that may concern every owner's credential sets (a key rotation). */
    public static final String ANY_OWNER = "*";
    /** Changes kept; a node further behind than this reads the state whole again. */
    static final int KEPT = 10_000;
    static final int MAX_ITEM = 400;

    /** One row of the log. */
    record Change(long version, Kind kind, String item) {
    }

    private ChangeLog() {
    }

    /**
     * Adds a change to the log, inside the writer's transaction {@code c}. Call it last in that
     * transaction: it takes the counter's row lock, which every other change then waits for until
     * this transaction ends. That wait is what numbers changes in commit order: a reader that saw
     * version n cannot later find a smaller one committed.
     */
    public static void record(Connection c, Kind kind, String item) throws SQLException {
        String stored = item == null ? "" : item.length() > MAX_ITEM ? item.substring(0, MAX_ITEM) : item;
        try (PreparedStatement next = c.prepareStatement(
                "UPDATE core_change_counter SET version = version + 1 WHERE id = 1")) {
            if (next.executeUpdate() != 1) {
                throw new SQLException("core_change_counter has no row 1: the core's schema script V4 did not run");
            }
        }
        long version = counter(c);
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO core_change (version, kind, item, changed_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            insert.setLong(1, version);
            insert.setString(2, kind.name());
            insert.setString(3, stored);
            insert.executeUpdate();
        }
        if (version > KEPT) {
            try (PreparedStatement prune = c.prepareStatement("DELETE FROM core_change WHERE version <= ?")) {
                prune.setLong(1, version - KEPT);
                prune.executeUpdate();
            }
        }
    }

    /** The last version given out (committed, or this transaction's own). */
    static long counter(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT version FROM core_change_counter WHERE id = 1");
                ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("core_change_counter has no row 1: the core's schema script V4 did not run");
            }
            return row.getLong(1);
        }
    }

    /** The changes after {@code version}, oldest first, at most {@link #KEPT}. */
    static List<Change> since(Connection c, long version) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT version, kind, item FROM core_change WHERE version > ? ORDER BY version")) {
            select.setLong(1, version);
            select.setMaxRows(KEPT);
            List<Change> changes = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    changes.add(new Change(row.getLong(1), Kind.valueOf(row.getString(2)), row.getString(3)));
                }
            }
            return changes;
        }
    }
}
