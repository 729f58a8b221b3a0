package org.atstexting.fake.twilio;

/**
 * How the fake misbehaves when it calls a webhook, for {@link TwilioFake#webhookFault(WebhookFault)}.
 *
 * @since 1.2
 */
public enum WebhookFault {
    /** Each call once, signed as Twilio signs. */
    NONE,
    /** Each call twice (Twilio retries; callbacks may arrive twice). */
    DUPLICATE,
    /** Signed with a token that is not the account's. */
    FORGED,
    /** Without {@code X-Twilio-Signature}. */
    UNSIGNED,
    /** Held back until {@link TwilioFake#releaseWebhooks(boolean)}: late, and in any order. */
    HOLD
}
