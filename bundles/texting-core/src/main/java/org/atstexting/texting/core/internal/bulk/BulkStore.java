package org.atstexting.texting.core.internal.bulk;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.atstexting.texting.BulkJob;
import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * Bulk jobs and recipients in the shared database ({@code bulk_job}, {@code bulk_recipient}).
 * Each change of a recipient and the job's counts is one transaction; a recipient is SENDING
 * on disk before its text goes and SENT, with the provider's message key, after.
 * Claims ({@link BulkClaims}) decide which node texts whom.
 */
final class BulkStore {

    static final String RECIPIENT_COLUMNS = "job_id, idx, record_ref, number, state, skip_reason, fail_reason, detail, "
            + "message_key, changed_at, body, attempt_at, attempts, zone";
    private static final String JOB_COLUMNS = "id, user_id, provider, description, created_at, state, total, body, "
            + "template_name, sent, skipped, failed";

    private final TextingDatabase db;

    BulkStore(TextingDatabase db) {
        this.db = db;
        URL script = BulkStore.class.getResource("/db/bulk/V1__bulk_tables.sql");
        try {
            db.migrate("bulk", List.of(script));
        } catch (SQLException e) {
            throw new IllegalStateException("The bulk tables could not be created: " + e.getMessage(), e);
        }
    }

    TextingDatabase database() {
        return db;
    }

    /** Stores a job with all its recipients, in one transaction. */
    void create(StoredJob job, List<StoredRecipient> recipients) {
        run(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO bulk_job (" + JOB_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                BulkRows.bindJob(s, job);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO bulk_recipient (" + RECIPIENT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (StoredRecipient r : recipients) {
                    BulkRows.bindRecipient(s, job.id(), r);
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    Optional<StoredJob> job(String jobId) {
        List<StoredJob> found = jobs("SELECT " + JOB_COLUMNS + " FROM bulk_job WHERE id = ?", jobId);
        return found.stream().findFirst();
    }

    List<StoredJob> jobs() {
        return jobs("SELECT " + JOB_COLUMNS + " FROM bulk_job");
    }

    List<StoredJob> running() {
        return jobs("SELECT " + JOB_COLUMNS + " FROM bulk_job WHERE state = ?", BulkJob.State.RUNNING.name());
    }

    private List<StoredJob> jobs(String sql, Object... args) {
        return run(c -> {
            List<StoredJob> result = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        result.add(BulkRows.job(rs));
                    }
                }
            }
            return result;
        });
    }

    StoredRecipient recipient(String jobId, int index) {
        return recipients("SELECT " + RECIPIENT_COLUMNS + " FROM bulk_recipient WHERE job_id = ? AND idx = ?", jobId,
                index).get(0);
    }

    List<StoredRecipient> recipients(String jobId) {
        return recipients("SELECT " + RECIPIENT_COLUMNS + " FROM bulk_recipient WHERE job_id = ? ORDER BY idx", jobId);
    }

    List<StoredRecipient> recipients(String sql, Object... args) {
        return run(c -> query(c, sql, args));
    }

    static List<StoredRecipient> query(Connection c, String sql, Object... args) throws SQLException {
        List<StoredRecipient> result = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    result.add(BulkRows.recipient(rs));
                }
            }
        }
        return result;
    }

    /**
     * Stores a recipient's new state and moves the job's counts with it, in one transaction.
     *
     * @return the job's counts after the change
     */
    Counts transition(String jobId, StoredRecipient before, StoredRecipient after) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE bulk_recipient SET state = ?, skip_reason = ?, "
                    + "fail_reason = ?, detail = ?, message_key = ?, changed_at = ?, attempt_at = ?, attempts = ?, "
                    + "claimed_by = CASE WHEN ? THEN claimed_by ELSE NULL END, "
                    + "claimed_until = CASE WHEN ? THEN claimed_until ELSE NULL END WHERE job_id = ? AND idx = ?")) {
                BulkRows.bindChange(s, after);
                boolean keepClaim = after.state() == org.atstexting.texting.BulkRecipient.State.SENDING;
                s.setBoolean(9, keepClaim);
                s.setBoolean(10, keepClaim);
                s.setString(11, jobId);
                s.setInt(12, after.index());
                s.executeUpdate();
            }
            if (before.state() != after.state()) {
                count(c, jobId, before, -1);
                count(c, jobId, after, +1);
            }
            return counts(c, jobId);
        });
    }

    private static void count(Connection c, String jobId, StoredRecipient r, int delta) throws SQLException {
        String column = switch (r.state()) {
            case SENT -> "sent";
            case SKIPPED -> "skipped";
            case FAILED -> "failed";
            case PENDING, SENDING -> null;
        };
        if (column != null) {
            try (PreparedStatement s = c.prepareStatement("UPDATE bulk_job SET " + column + " = " + column
                    + " + ? WHERE id = ?")) {
                s.setInt(1, delta);
                s.setString(2, jobId);
                s.executeUpdate();
            }
        }
    }

    Counts counts(String jobId) {
        return run(c -> counts(c, jobId));
    }

    private static Counts counts(Connection c, String jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT total, sent, skipped, failed FROM bulk_job WHERE id = ?")) {
            s.setString(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                Counts counts = new Counts();
                if (rs.next()) {
                    counts.sent = rs.getInt("sent");
                    counts.skipped = rs.getInt("skipped");
                    counts.failed = rs.getInt("failed");
                    counts.pending = rs.getInt("total") - counts.sent - counts.skipped - counts.failed;
                }
                return counts;
            }
        }
    }

    /** Moves a running job to {@code state}; false when it is no longer running (another node was first). */
    boolean end(String jobId, BulkJob.State state, boolean onlyWhenNothingLeft) {
        return run(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE bulk_job SET state = ? WHERE id = ? AND state = ?"
                    + (onlyWhenNothingLeft ? " AND NOT EXISTS (SELECT 1 FROM bulk_recipient WHERE job_id = ? "
                            + "AND state IN ('PENDING', 'SENDING'))" : ""))) {
                s.setString(1, state.name());
                s.setString(2, jobId);
                s.setString(3, BulkJob.State.RUNNING.name());
                if (onlyWhenNothingLeft) {
                    s.setString(4, jobId);
                }
                return s.executeUpdate() == 1;
            }
        });
    }

    static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof Instant instant) {
                s.setObject(i + 1, TextingDatabase.timestamp(instant));
            } else {
                s.setObject(i + 1, a);
            }
        }
    }

    <T> T run(org.atstexting.texting.jdbc.SqlWork<T> work) {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("The bulk tables could not be read or written: " + e.getMessage(), e);
        }
    }
}
