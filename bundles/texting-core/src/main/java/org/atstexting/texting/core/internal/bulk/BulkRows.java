package org.atstexting.texting.core.internal.bulk;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient.FailReason;
import org.atstexting.texting.BulkRecipient.SkipReason;
import org.atstexting.texting.BulkRecipient.State;
import org.atstexting.texting.jdbc.TextingDatabase;

/** The one codec of the bulk tables: rows to records and back. */
final class BulkRows {

    private BulkRows() {
    }

    static void bindJob(PreparedStatement s, StoredJob job) throws SQLException {
        s.setString(1, job.id());
        s.setString(2, job.userId());
        s.setString(3, job.provider());
        s.setString(4, job.description());
        s.setObject(5, TextingDatabase.timestamp(job.createdAt()));
        s.setString(6, job.state().name());
        s.setInt(7, job.total());
        s.setString(8, job.body());
        s.setString(9, job.templateName());
        s.setInt(10, job.sent());
        s.setInt(11, job.skipped());
        s.setInt(12, job.failed());
    }

    static StoredJob job(ResultSet rs) throws SQLException {
        return new StoredJob(rs.getString("id"), rs.getString("user_id"), rs.getString("provider"),
                rs.getString("description"), TextingDatabase.instant(rs, "created_at"),
                BulkJob.State.valueOf(rs.getString("state")), rs.getInt("total"), rs.getString("body"),
                rs.getString("template_name"), rs.getInt("sent"), rs.getInt("skipped"), rs.getInt("failed"));
    }

    /** Binds every recipient column, in {@link BulkStore#RECIPIENT_COLUMNS} order. */
    static void bindRecipient(PreparedStatement s, String jobId, StoredRecipient r) throws SQLException {
        s.setString(1, jobId);
        s.setInt(2, r.index());
        s.setString(3, r.record());
        s.setString(4, r.number());
        s.setString(5, r.state().name());
        s.setString(6, r.skipReason() == null ? null : r.skipReason().name());
        s.setString(7, r.failReason() == null ? null : r.failReason().name());
        s.setString(8, r.detail());
        s.setString(9, r.messageKey());
        s.setObject(10, TextingDatabase.timestamp(r.at()));
        s.setString(11, r.body());
        setInstant(s, 12, r.attemptAt());
        s.setInt(13, r.attempts());
        s.setString(14, r.zone());
    }

    /** Binds what a change of state writes: parameters 1 to 8. */
    static void bindChange(PreparedStatement s, StoredRecipient r) throws SQLException {
        s.setString(1, r.state().name());
        s.setString(2, r.skipReason() == null ? null : r.skipReason().name());
        s.setString(3, r.failReason() == null ? null : r.failReason().name());
        s.setString(4, r.detail());
        s.setString(5, r.messageKey());
        s.setObject(6, TextingDatabase.timestamp(r.at()));
        setInstant(s, 7, r.attemptAt());
        s.setInt(8, r.attempts());
    }

    static StoredRecipient recipient(ResultSet rs) throws SQLException {
        String skip = rs.getString("skip_reason");
        String fail = rs.getString("fail_reason");
        return new StoredRecipient(rs.getInt("idx"), rs.getString("record_ref"), rs.getString("number"),
                State.valueOf(rs.getString("state")), skip == null ? null : SkipReason.valueOf(skip),
                fail == null ? null : FailReason.valueOf(fail), rs.getString("detail"), rs.getString("message_key"),
                TextingDatabase.instant(rs, "changed_at"), rs.getString("body"), TextingDatabase.instant(rs, "attempt_at"),
                rs.getInt("attempts"), rs.getString("zone"));
    }

    private static void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(index, TextingDatabase.timestamp(value));
        }
    }
}
