package org.atstexting.texting.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A text that came in to a provider account.
 *
 * @param providerMessageId the provider's id of the message
 * @param from              the sender in E.164
 * @param to                the account's number in E.164
 * @param body              the text
 * @param receivedAt        when the provider received it
 */
public record InboundText(String providerMessageId, String from, String to, String body, Instant receivedAt) {

    public InboundText {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
