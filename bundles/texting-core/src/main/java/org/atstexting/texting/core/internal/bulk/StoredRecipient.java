package org.atstexting.texting.core.internal.bulk;

import java.time.Instant;

import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.BulkRecipient.FailReason;
import org.atstexting.texting.BulkRecipient.SkipReason;
import org.atstexting.texting.BulkRecipient.State;
import org.atstexting.texting.RecordRef;

/**
 * A recipient as stored.
 *
 * @param body      only when a template was filled in for it
 * @param attemptAt when its text last went to the provider
 * @param zone      the time zone its quiet hours are read in; {@code null}: the configured one
 */
record StoredRecipient(int index, String record, String number, State state, SkipReason skipReason,
        FailReason failReason, String detail, String messageKey, Instant at, String body, Instant attemptAt,
        int attempts, String zone) {

    static StoredRecipient pending(int index, String record, String number, String body, String zone, Instant now) {
        return new StoredRecipient(index, record, number, State.PENDING, null, null, null, null, now, body, null, 0,
                zone);
    }

    static StoredRecipient skipped(int index, String record, String number, SkipReason why, String detail,
            Instant now) {
        return new StoredRecipient(index, record, number, State.SKIPPED, why, null, detail, null, now, null, null, 0,
                null);
    }

    StoredRecipient skip(SkipReason why, String newDetail, Instant when) {
        return new StoredRecipient(index, record, number, State.SKIPPED, why, null, newDetail, null, when, body,
                attemptAt, attempts, zone);
    }

    StoredRecipient fail(FailReason why, String newDetail, Instant when) {
        return new StoredRecipient(index, record, number, State.FAILED, null, why, newDetail, null, when, body,
                attemptAt, attempts, zone);
    }

    StoredRecipient sent(String key, Instant when) {
        return new StoredRecipient(index, record, number, State.SENT, null, null, null, key, when, body, attemptAt,
                attempts, zone);
    }

    /** Pending again; {@code countAttempt} false when nothing was sent (throttled), so no attempt is used up. */
    StoredRecipient pendingAgain(Instant when, boolean countAttempt) {
        return new StoredRecipient(index, record, number, State.PENDING, null, null, null, null, when, body,
                attemptAt, countAttempt ? attempts : Math.max(0, attempts - 1), zone);
    }

    StoredRecipient sending(Instant when) {
        return new StoredRecipient(index, record, number, State.SENDING, null, null, null, null, when, body, when,
                attempts + 1, zone);
    }

    BulkRecipient view() {
        return new BulkRecipient(index, RecordRef.parse(record), number, state, skipReason, failReason, detail,
                messageKey, at);
    }
}
