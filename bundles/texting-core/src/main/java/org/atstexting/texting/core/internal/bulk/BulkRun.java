package org.atstexting.texting.core.internal.bulk;

import java.time.Instant;
import java.util.ArrayDeque;

/** A running job as this node sees it: the recipients it holds claims on, and when it comes back to the job. */
final class BulkRun {
    final StoredJob job;
    volatile Counts counts;
    final ArrayDeque<StoredRecipient> claimed = new ArrayDeque<>();
    volatile boolean cancelled;
    Instant retryAt;
    volatile Instant waitingUntil;

    BulkRun(StoredJob job, Counts counts) {
        this.job = job;
        this.counts = counts;
    }
}
