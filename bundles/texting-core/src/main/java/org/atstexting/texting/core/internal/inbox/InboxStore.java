package org.atstexting.texting.core.internal.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.atstexting.texting.InboxEntry;
import org.atstexting.texting.InboxService;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The inboxes in {@code core_inbox}: one row per (user, text), unique, so a text announced twice
 * (or by two nodes) is one entry; newest first by arrival; at most {@value InboxService#MAX_PER_USER}
 * per user, the oldest deleted when a new one comes in. Nothing is cached: every node reads the
 * same rows, so a reply read on one node is read on all.
 */
@Component(service = InboxStore.class)
public final class InboxStore {

    private final TextingDatabase database;
    private final int maxPerUser;

    @Activate
    public InboxStore(@Reference CoreStore store) {
        this(store, InboxService.MAX_PER_USER);
    }

    InboxStore(CoreStore store, int maxPerUser) {
        // the core's store has brought the core's tables up to date before it is offered
        TextingDatabase database = store.database();
        this.database = Objects.requireNonNull(database);
        this.maxPerUser = maxPerUser;
    }

    /**
     * Puts a reply in a user's inbox, unread, unless it is there already.
     *
     * @return whether it was new
     */
    public boolean add(String userId, String messageKey, Instant receivedAt) {
        try {
            return database.inTransaction(c -> {
                boolean added;
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO core_inbox "
                        + "(user_id, message_key, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                    insert.setString(1, userId);
                    insert.setString(2, messageKey);
                    insert.setObject(3, TextingDatabase.timestamp(receivedAt));
                    added = insert.executeUpdate() == 1;
                }
                if (added) {
                    prune(c, userId);
                }
                return added;
            });
        } catch (SQLException e) {
            throw new StoreException("putting a reply in the inbox of " + userId, e);
        }
    }

    /** Deletes what is beyond the newest {@code maxPerUser} of the user's entries. */
    private void prune(Connection c, String userId) throws SQLException {
        long oldestKept;
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM core_inbox WHERE user_id = ? "
                + "ORDER BY id DESC OFFSET " + (maxPerUser - 1) + " ROWS FETCH FIRST 1 ROWS ONLY")) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return;
                }
                oldestKept = row.getLong(1);
            }
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM core_inbox WHERE user_id = ? AND id < ?")) {
            delete.setString(1, userId);
            delete.setLong(2, oldestKept);
            delete.executeUpdate();
        }
    }

    /** The user's entries, newest first. */
    public List<InboxEntry> entries(String userId) {
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
                "SELECT message_key, received_at, read_at FROM core_inbox WHERE user_id = ? "
                        + "ORDER BY id DESC FETCH FIRST " + maxPerUser + " ROWS ONLY")) {
            select.setString(1, userId);
            List<InboxEntry> entries = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    entries.add(new InboxEntry(row.getString("message_key"),
                            TextingDatabase.instant(row, "received_at"), row.getObject("read_at") == null));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new StoreException("reading the inbox of " + userId, e);
        }
    }

    /**
     * Marks an entry read (the first time it is read counts; again changes nothing).
     *
     * @return whether the text is in the user's inbox
     */
    public boolean markRead(String userId, String messageKey, Instant at) {
        try (Connection c = database.connection(); PreparedStatement update = c.prepareStatement(
                "UPDATE core_inbox SET read_at = COALESCE(read_at, ?) WHERE user_id = ? AND message_key = ?")) {
            update.setObject(1, TextingDatabase.timestamp(at));
            update.setString(2, userId);
            update.setString(3, messageKey);
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("marking a reply read in the inbox of " + userId, e);
        }
    }
}
