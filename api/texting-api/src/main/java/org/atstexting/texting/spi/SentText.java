package org.atstexting.texting.spi;

import java.time.Instant;
import java.util.Objects;

import org.atstexting.texting.DeliveryStatus;

/**
 * A text the account sent, as the provider's history shows it. The core uses these to
 * archive sends it did not see finish (a crash between the provider's answer and the
 * archive); texts it already archived are ignored.
 *
 * @param providerMessageId the provider's id of the message
 * @param from              the account's number in E.164
 * @param to                the recipient in E.164
 * @param body              the text
 * @param sentAt            when the provider accepted it
 * @param status            its delivery status now
 */
public record SentText(String providerMessageId, String from, String to, String body, Instant sentAt,
        DeliveryStatus status) {

    public SentText {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(status, "status");
    }
}
