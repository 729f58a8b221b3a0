package org.atstexting.texting.spi;

import java.time.Instant;
import java.util.Objects;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;

/**
 * A provider's news about a text it sent: its delivery status changed.
 *
 * @param providerMessageId the provider's id of the message
 * @param status            the new status; the core ignores a status that would move backwards
 * @param reason            why it failed, for {@link DeliveryStatus#FAILED}; otherwise may be {@code null}
 * @param at                when the provider reported it
 * @param failure           the plain reason and the provider's code, for {@link DeliveryStatus#FAILED}; may be
 *                          {@code null} (since 1.3)
 */
public record StatusUpdate(String providerMessageId, DeliveryStatus status, String reason, Instant at,
        DeliveryFailure failure) {

    /** A status without a typed failure (before SPI 1.3). */
    public StatusUpdate(String providerMessageId, DeliveryStatus status, String reason, Instant at) {
        this(providerMessageId, status, reason, at, null);
    }

    public StatusUpdate {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }
}
