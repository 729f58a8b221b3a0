package org.atstexting.texting;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of a bulk job and what happened to it.
 *
 * @param index      its position in the job, from 0
 * @param record     the record
 * @param number     its number in E.164, or {@code null} if it has none or it is invalid
 * @param state      what happened
 * @param reason     why it was skipped or failed, as a code: {@code DUPLICATE_NUMBER},
 *                   {@code NO_NUMBER}, {@code INVALID_NUMBER}, {@code RECORD_NOT_FOUND},
 *                   {@code OPTED_OUT}, {@code OUTCOME_UNKNOWN}, or a
 *                   {@link TextingException.Reason} name; {@code null} otherwise
 * @param detail     the reason in words, or {@code null}
 * @param messageKey the {@link TextMessage#key()} of the text sent, when sent
 * @param at         when the state last changed
 */
public record BulkRecipient(int index, RecordRef record, String number, State state, String reason, String detail,
        String messageKey, Instant at) {

    /** What happened to a recipient. */
    public enum State {
        /** Not yet texted. */
        PENDING,
        /** Handed to the provider; the outcome is not known yet (after a crash, it is looked up before any resend). */
        SENDING,
        /** Texted. */
        SENT,
        /** Not texted, on purpose (see reason). */
        SKIPPED,
        /** Not texted: the provider refused it, or the outcome could not be confirmed. */
        FAILED
    }

    public BulkRecipient {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(state, "state");
    }
}
