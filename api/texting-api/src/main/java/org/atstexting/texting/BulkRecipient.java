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
 * @param skipReason why it was skipped ({@link State#SKIPPED}), else {@code null}
 * @param failReason why it failed ({@link State#FAILED}), else {@code null}
 * @param detail     the reason in words, or {@code null}
 * @param messageKey the {@link TextMessage#key()} of the text sent, when sent
 * @param at         when the state last changed
 */
public record BulkRecipient(int index, RecordRef record, String number, State state, SkipReason skipReason,
        FailReason failReason, String detail, String messageKey, Instant at) {

    /** Why a recipient was not texted, on purpose. */
    public enum SkipReason {
        /** Another record of the job has the same number: it is texted once, for the first. */
        DUPLICATE_NUMBER,
        /** The record has no phone number. */
        NO_NUMBER,
        /** The record's phone number cannot be read as a number. */
        INVALID_NUMBER,
        /** The host has no such record. */
        RECORD_NOT_FOUND,
        /** The number opted out (before the job, during it, or the provider said so). */
        OPTED_OUT
    }

    /** Why a recipient could not be texted. */
    public enum FailReason {
        /** The job's user lost the permission to text. */
        NOT_PERMITTED,
        /** The job's user has no credentials for the provider any more. */
        NO_CREDENTIALS,
        /** The provider refused the user's credentials. */
        BAD_CREDENTIALS,
        /** The provider refused this text (e.g. the number cannot receive texts). */
        REJECTED,
        /** The provider answered with errors until the attempts were used up. */
        PROVIDER_ERROR,
        /**
         * The text may have gone out, and the provider cannot tell: it was not sent again, so
         * nobody is texted twice. Check the conversation.
         */
        OUTCOME_UNKNOWN;

        /** The fail reason for a refusal of the texting service. */
        public static FailReason of(TextingException.Reason reason) {
            return switch (reason) {
                case NOT_PERMITTED, UNKNOWN_USER -> NOT_PERMITTED;
                case NO_CREDENTIALS, NO_SYSTEM_CREDENTIALS -> NO_CREDENTIALS;
                case BAD_CREDENTIALS -> BAD_CREDENTIALS;
                case INVALID_INPUT, RECORD_NOT_FOUND, USERNAME_TAKEN, OPTED_OUT -> REJECTED;
                case PROVIDER_UNAVAILABLE, PROVIDER_ERROR, SERVICE_UNAVAILABLE -> PROVIDER_ERROR;
            };
        }
    }

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

    /** The skip or fail reason as a code (the enum constant's name), or {@code null}. */
    public String reason() {
        return skipReason != null ? skipReason.name() : failReason != null ? failReason.name() : null;
    }
}
