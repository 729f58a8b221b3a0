package org.atstexting.texting.core.internal.inbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * At most one help reply per number within an interval, for all nodes together: a phone (or a
 * person) that texts HELP in a loop would otherwise make the account answer without end, and two
 * HELPs that reach two nodes at the same moment would be answered twice.
 *
 * <p>The number's row in {@code core_help_reply} is the one truth: a reply is allowed when the
 * insert of a new row counts, or when the conditional update of an old one ({@code replied_at}
 * at least an interval ago) counts. Each is one atomic statement, so of two nodes acting at once
 * exactly one wins. Rows older than the interval are deleted when a reply is allowed, so the table
 * holds only the numbers answered within the last interval.
 *
 * <p>The instants are the nodes' clocks (what the rest of the inbound path uses): nodes must
 * agree on the time to well within the interval (minutes), which NTP gives.
 */
@Component(service = HelpReplyLimiter.class)
public final class HelpReplyLimiter {

    private final TextingDatabase database;

    @Activate
    public HelpReplyLimiter(@Reference CoreStore store) {
        // the core's store has brought the core's tables up to date before it is offered
        this.database = Objects.requireNonNull(store.database());
    }

    /**
     * Whether {@code number} may get a help reply at {@code now}; if so, the reply is counted, on
     * every node.
     *
     * @param interval {@link Duration#ZERO} lets every reply through
     */
    public boolean tryAcquire(String number, Instant now, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return true;
        }
        Instant due = now.minus(interval);
        try (Connection c = database.connection()) {
            boolean acquired = insertFirst(c, number, now) || takeOver(c, number, now, due);
            if (acquired) {
                prune(c, due);
            }
            return acquired;
        } catch (SQLException e) {
            throw new StoreException("counting the help reply to " + number, e);
        }
    }

    private static boolean insertFirst(Connection c, String number, Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO core_help_reply (number, replied_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, number);
            insert.setObject(2, TextingDatabase.timestamp(now));
            return insert.executeUpdate() == 1;
        }
    }

    /** The number was answered before: take the window only if the last reply is an interval old. */
    private static boolean takeOver(Connection c, String number, Instant now, Instant due) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE core_help_reply SET replied_at = ? WHERE number = ? AND replied_at <= ?")) {
            update.setObject(1, TextingDatabase.timestamp(now));
            update.setString(2, number);
            update.setObject(3, TextingDatabase.timestamp(due));
            return update.executeUpdate() == 1;
        }
    }

    private static void prune(Connection c, Instant due) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM core_help_reply WHERE replied_at < ?")) {
            delete.setObject(1, TextingDatabase.timestamp(due));
            delete.executeUpdate();
        }
    }
}
