package org.atstexting.texting;

import java.time.Instant;
import java.util.Objects;

/**
 * A text or a bulk job to go at {@code sendAt} (since 2.0): exactly one of {@code text} and
 * {@code bulk}, and its acting user is the one who schedules.
 */
public record ScheduleRequest(Instant sendAt, SendRequest text, BulkRequest bulk) {

    public ScheduleRequest {
        Objects.requireNonNull(sendAt, "sendAt");
        if ((text == null) == (bulk == null)) {
            throw new IllegalArgumentException("a scheduled item is a text or a bulk job, not both");
        }
    }

    public static ScheduleRequest text(Instant sendAt, SendRequest text) {
        return new ScheduleRequest(sendAt, text, null);
    }

    public static ScheduleRequest bulk(Instant sendAt, BulkRequest bulk) {
        return new ScheduleRequest(sendAt, null, bulk);
    }

    /** The user who schedules. */
    public String actingUserId() {
        return text != null ? text.actingUserId() : bulk.actingUserId();
    }
}
