package org.atstexting.texting.core.internal.bulk;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which node texts whom: a node claims recipients before it texts them, for a lease read
 * on the database's clock (node clocks do not matter). Claims are taken with
 * {@code FOR UPDATE SKIP LOCKED}, so two nodes claiming at once get different rows; a
 * recipient goes to SENDING only while its claimant still holds it. A crashed node's claims
 * expire: its pending recipients go to whoever claims next, its texts under way are looked
 * up by the next node (never resent blindly). A node that restarts with the same id takes
 * its own claims back at once.
 */
final class BulkClaims {

    /** The shortest lease: a node must be able to send a claimed batch's next text well within it. */
    static final int MIN_LEASE_SECONDS = 10;
    private static final String LEASE = "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '1' SECOND";
    private static final String FREE = "(claimed_by IS NULL OR claimed_by = ? OR claimed_until < CURRENT_TIMESTAMP)";

    private final BulkStore store;
    private final String node;
    /** Read at every claim: a new lease applies to the next claim, as the configuration promises. */
    private volatile int leaseSeconds;

    BulkClaims(BulkStore store, String node, int leaseSeconds) {
        this.store = store;
        this.node = node;
        lease(leaseSeconds);
    }

    /** Sets the lease of the claims taken from now on (at least 10 s); claims already held keep theirs. */
    void lease(int seconds) {
        this.leaseSeconds = Math.max(MIN_LEASE_SECONDS, seconds);
    }

    String node() {
        return node;
    }

    /** The job's texts under way that this node must look up: its own, and those of a node whose claim expired. */
    List<StoredRecipient> claimInFlight(String jobId) {
        return claim(jobId, "SENDING", "TRUE", List.of(), 50);
    }

    /**
     * Claims up to {@code n} pending recipients of the job whose local window is open.
     *
     * @param openZones       the open zones (ids); {@code null} in it stands for the configured zone
     */
    List<StoredRecipient> claimPending(String jobId, Set<String> openZones, int n) {
        List<Object> zoneArgs = new ArrayList<>();
        StringBuilder filter = new StringBuilder("(FALSE");
        for (String zone : openZones) {
            if (zone == null) {
                filter.append(" OR zone IS NULL");
            } else {
                filter.append(" OR zone = ?");
                zoneArgs.add(zone);
            }
        }
        return claim(jobId, "PENDING", filter.append(')').toString(), zoneArgs, n);
    }

    private List<StoredRecipient> claim(String jobId, String state, String filter, List<Object> filterArgs, int n) {
        return store.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE bulk_recipient SET claimed_by = ?, claimed_until = "
                    + LEASE + " WHERE id IN (SELECT id FROM bulk_recipient WHERE job_id = ? AND state = ? AND " + FREE
                    + " AND " + filter + " FETCH FIRST " + n + " ROWS ONLY FOR UPDATE SKIP LOCKED)")) {
                List<Object> args = new ArrayList<>(List.of(node, leaseSeconds, jobId, state, node));
                args.addAll(filterArgs);
                BulkStore.bind(s, args.toArray());
                s.executeUpdate();
            }
            List<Object> args = new ArrayList<>(List.of(jobId, state, node));
            args.addAll(filterArgs);
            return BulkStore.query(c, "SELECT " + BulkStore.RECIPIENT_COLUMNS + " FROM bulk_recipient WHERE job_id = ? "
                    + "AND state = ? AND claimed_by = ? AND " + filter + " ORDER BY idx", args.toArray());
        });
    }

    /**
     * Stores a claimed recipient as SENDING, before its text goes, if this node still holds it.
     *
     * @return false when another node took it over (this node's lease ran out): do not send
     */
    boolean markSending(String jobId, StoredRecipient sending) {
        return store.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE bulk_recipient SET state = 'SENDING', changed_at = ?, "
                    + "attempt_at = ?, attempts = ?, claimed_until = " + LEASE + " WHERE job_id = ? AND idx = ? "
                    + "AND state = 'PENDING' AND claimed_by = ?")) {
                BulkStore.bind(s, sending.at(), sending.attemptAt(), sending.attempts(), leaseSeconds, jobId,
                        sending.index(), node);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Gives up this node's pending claims of a job (it stops, or the job was cancelled). */
    void release(String jobId) {
        store.run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE bulk_recipient SET claimed_by = NULL, "
                    + "claimed_until = NULL WHERE job_id = ? AND state = 'PENDING' AND claimed_by = ?")) {
                BulkStore.bind(s, jobId, node);
                return s.executeUpdate();
            }
        });
    }

    /** The zones of the job's pending recipients ({@code null}: the configured zone); empty when none is pending. */
    Set<String> pendingZones(String jobId) {
        return store.run(c -> {
            Set<String> zones = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT zone FROM bulk_recipient WHERE job_id = ? "
                    + "AND state = 'PENDING'")) {
                s.setString(1, jobId);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        zones.add(rs.getString(1));
                    }
                }
            }
            return zones;
        });
    }
}
