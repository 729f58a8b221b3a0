package org.atstexting.texting.spi;

import java.time.Instant;
import java.util.Objects;

import org.atstexting.texting.DeliveryStatus;

/**
 * A provider's news about a text it sent: its delivery status changed.
 *
 * @param providerMessageId the provider's id of the message
 * @param status            the new status; the core ignores a status that would move backwards
 * @param reason            why it failed, for {@link DeliveryStatus#FAILED}; otherwise may be {@code null}
 * @param at                when the provider reported it
 */
public record StatusUpdate(String providerMessageId, DeliveryStatus status, String reason, Instant at) {

    public StatusUpdate {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
