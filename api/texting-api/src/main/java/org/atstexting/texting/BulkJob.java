package org.atstexting.texting;

import java.time.Instant;
import java.util.Objects;

/**
 * A bulk texting job and its progress.
 *
 * @param id           the job's id
 * @param userId       who started it (whose credentials send)
 * @param provider     the provider it sends through
 * @param description  the template name or the start of the message
 * @param createdAt    when it was started
 * @param state        where it is
 * @param total        recipients (records) in the job
 * @param pending      recipients not yet handled (including one being sent)
 * @param sent         recipients texted
 * @param skipped      recipients skipped (duplicate, no or invalid number, opted out, ...)
 * @param failed       recipients the provider refused or that could not be confirmed
 * @param waitingUntil when the next recipient may be texted, if the job waits for quiet
 *                     hours to end; otherwise {@code null}
 */
public record BulkJob(String id, String userId, String provider, String description, Instant createdAt, State state,
        int total, int pending, int sent, int skipped, int failed, Instant waitingUntil) {

    /** Where a job is. */
    public enum State {
        /** Sending, or waiting for quiet hours to end. */
        RUNNING,
        /** Every recipient is handled. */
        DONE,
        /** Stopped by a user; recipients not yet handled stay pending. */
        CANCELLED
    }

    public BulkJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }
}
