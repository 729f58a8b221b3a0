package org.atstexting.texting.core.internal.inbound;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * One lease per (provider, account), so that one node at a time polls an account and moves its
 * cursor. Taken by compare-and-set against the database's clock (node clocks do not matter): a
 * node takes the lease when nobody holds it, when it holds it already (a renewal) or when the
 * holder let it run out (a dead or stalled node). Every change of hands raises
 * {@code lease_version}, and a cursor write must name the version its lease was taken with, so
 * a former holder that wakes up after its lease was taken over cannot move the cursor.
 */
public final class PollLeases {

    /** A lease this node holds, with the account's cursor as it was when taken. */
    public record Lease(String provider, String account, long version, String cursor) {
    }

    private final TextingDatabase database;
    private final String nodeId;
    private final int leaseSeconds;

    /**
     * @param nodeId this node's name, the same across its restarts (so it takes its own lease back at once)
     * @param leaseSeconds how long a lease lasts without a write: how long a dead node's accounts wait
     */
    public PollLeases(TextingDatabase database, String nodeId, int leaseSeconds) {
        this.database = Objects.requireNonNull(database);
        this.nodeId = Objects.requireNonNull(nodeId);
        this.leaseSeconds = Math.max(1, leaseSeconds);
    }

    public String nodeId() {
        return nodeId;
    }

    /** Takes or renews the account's lease; empty while another node holds it. */
    public Optional<Lease> acquire(String provider, String account) {
        try {
            return database.inTransaction(c -> {
                ensureRow(c, provider, account);
                try (PreparedStatement take = c.prepareStatement("UPDATE core_poll_account SET "
                        + "lease_version = CASE WHEN lease_owner = ? THEN lease_version ELSE lease_version + 1 END, "
                        + "lease_owner = ?, lease_until = CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '1' SECOND "
                        + "WHERE provider = ? AND account = ? "
                        + "AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < CURRENT_TIMESTAMP)")) {
                    take.setString(1, nodeId);
                    take.setString(2, nodeId);
                    take.setInt(3, leaseSeconds);
                    take.setString(4, provider);
                    take.setString(5, account);
                    take.setString(6, nodeId);
                    if (take.executeUpdate() == 0) {
                        return Optional.<Lease>empty();
                    }
                }
                return Optional.of(read(c, provider, account));
            });
        } catch (SQLException e) {
            throw new StoreException("taking the poll lease of " + provider + " account " + account, e);
        }
    }

    /**
     * Saves the cursor if the lease is still this one, and extends it.
     *
     * @return false when the lease changed hands since it was taken: nothing was written, stop polling the account
     */
    public boolean saveCursor(Lease lease, String cursor) {
        try (Connection c = database.connection(); PreparedStatement save = c.prepareStatement(
                "UPDATE core_poll_account SET cursor_value = ?, "
                        + "lease_until = CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '1' SECOND "
                        + "WHERE provider = ? AND account = ? AND lease_owner = ? AND lease_version = ?")) {
            save.setString(1, cursor);
            save.setInt(2, leaseSeconds);
            save.setString(3, lease.provider());
            save.setString(4, lease.account());
            save.setString(5, nodeId);
            save.setLong(6, lease.version());
            return save.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("saving the cursor of " + lease.provider() + " account " + lease.account(), e);
        }
    }

    /** Lets go of a lease (this node stops), so another node can take the account at once. */
    public void release(Lease lease) {
        try (Connection c = database.connection(); PreparedStatement release = c.prepareStatement(
                "UPDATE core_poll_account SET lease_owner = NULL, lease_until = NULL "
                        + "WHERE provider = ? AND account = ? AND lease_owner = ? AND lease_version = ?")) {
            release.setString(1, lease.provider());
            release.setString(2, lease.account());
            release.setString(3, nodeId);
            release.setLong(4, lease.version());
            release.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("releasing the poll lease of " + lease.provider() + " account " + lease.account(), e);
        }
    }

    /** The account's saved cursor, whoever holds the lease (for status and tests). */
    public Optional<String> cursor(String provider, String account) {
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
                "SELECT cursor_value FROM core_poll_account WHERE provider = ? AND account = ?")) {
            select.setString(1, provider);
            select.setString(2, account);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the cursor of " + provider + " account " + account, e);
        }
    }

    private static void ensureRow(Connection c, String provider, String account) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO core_poll_account "
                + "(provider, account, lease_version) VALUES (?, ?, 0) ON CONFLICT DO NOTHING")) {
            insert.setString(1, provider);
            insert.setString(2, account);
            insert.executeUpdate();
        }
    }

    private Lease read(Connection c, String provider, String account) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT lease_version, cursor_value FROM core_poll_account WHERE provider = ? AND account = ?")) {
            select.setString(1, provider);
            select.setString(2, account);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("The poll row of " + provider + " account " + account + " vanished");
                }
                return new Lease(provider, account, row.getLong(1), row.getString(2));
            }
        }
    }
}
