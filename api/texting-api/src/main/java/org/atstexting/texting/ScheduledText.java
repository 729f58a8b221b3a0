package org.atstexting.texting;

import java.time.Instant;
import java.util.Objects;

/**
 * A scheduled text or bulk job and what became of it (since 2.0).
 *
 * @param id          its id
 * @param userId      who scheduled it
 * @param kind        a single text or a bulk job
 * @param sendAt      when it goes (a single text due in quiet hours goes when the window opens)
 * @param state       where it stands
 * @param description the recipient or the job, and the start of the message, in words
 * @param outcome     once sent: the text's {@link TextMessage#key()}, or the bulk job's id; else {@code null}
 * @param detail      why it failed, in words, or {@code null}
 * @param createdAt   when it was scheduled
 */
public record ScheduledText(String id, String userId, Kind kind, Instant sendAt, State state, String description,
        String outcome, String detail, Instant createdAt) {

    /** What is scheduled. */
    public enum Kind {
        TEXT, BULK
    }

    /** Where a scheduled item stands; only {@link #SCHEDULED} can be cancelled. */
    public enum State {
        /** Waiting for its time. */
        SCHEDULED,
        /** A node is sending it now. */
        SENDING,
        /** Sent (a text), or started (a bulk job: see the job for its recipients). */
        SENT,
        /** Cancelled before it went. */
        CANCELLED,
        /** Could not be sent; see the detail. */
        FAILED
    }

    public ScheduledText {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
    }
}
