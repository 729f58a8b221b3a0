package org.atstexting.texting.core.internal.bulk;

import java.time.Instant;

import org.atstexting.texting.BulkJob;

/** A bulk job as stored: what it sends and, once it ended, its counts. */
record StoredJob(String id, String userId, String provider, String description, Instant createdAt,
        BulkJob.State state, int total, String body, String templateName, int sent, int skipped, int failed) {

    StoredJob withState(BulkJob.State newState, Counts counts) {
        return new StoredJob(id, userId, provider, description, createdAt, newState, total, body, templateName,
                counts.sent, counts.skipped, counts.failed);
    }

    /** The counts stored with the job when it ended. */
    Counts counts() {
        Counts c = new Counts();
        c.sent = sent;
        c.skipped = skipped;
        c.failed = failed;
        c.pending = total - sent - skipped - failed;
        return c;
    }
}
