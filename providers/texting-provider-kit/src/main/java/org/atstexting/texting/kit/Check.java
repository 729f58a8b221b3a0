package org.atstexting.texting.kit;

/**
 * The rules of the provider SPI the kit proves, one test each. A target that cannot yet honour
 * one says so in {@link ConformanceTarget#notSupported()}, with the reason: the kit still runs
 * the check, reports it as not supported (and the test as skipped with that reason) when it
 * fails, and fails it when it passes, so a declaration never outlives the gap it names.
 */
public enum Check {
    /** Bodies with accents, {@code €}, GSM-7 extension characters, emoji and CJK arrive exactly, both ways. */
    UNICODE_ROUND_TRIP,
    /** Test says OK, BAD_CREDENTIALS and UNREACHABLE for good, wrong and unreachable, never throws. */
    CREDENTIAL_OUTCOMES,
    /** A send whose answer was lost is stored once at the provider, never twice. */
    LOST_ANSWER_NOT_TWICE,
    /** A send whose answer was lost ends in a receipt for the stored text, or in {@code OUTCOME_UNKNOWN}. */
    LOST_ANSWER_REPORTED,
    /** The statuses a provider reports for one text never move backwards, and reach DELIVERED. */
    STATUSES_FORWARD,
    /** A failed text's status carries a {@code DeliveryFailure} with the provider's code. */
    FAILED_STATUS_REASON,
    /** One inbound text is read once from the cursor on, and under the same id when read again. */
    INBOUND_ONCE,
    /** A push (webhook) that is not signed by the provider is refused and hands the core nothing. */
    FORGED_PUSH_REFUSED,
    /** A backlog larger than one poll is read completely, once, oldest first. */
    BACKLOG_COMPLETE,
    /** A send refused by a rate limit is {@code THROTTLED} with its retry time, and nothing was stored. */
    THROTTLED
}
