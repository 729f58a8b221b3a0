package org.atstexting.texting.spi;

import java.time.Instant;
import java.util.Objects;

import org.atstexting.texting.DeliveryStatus;

/**
 * What a provider answers when it accepted a text.
 *
 * @param providerMessageId the provider's id of the new message
 * @param status            its status right after sending, usually {@link DeliveryStatus#QUEUED}
 * @param acceptedAt        when the provider accepted it
 * @param fingerprint       the provider's conversation key for the recipient, or {@code null}; never read
 *                          by the core (deprecated since 1.4: pass {@code null} or use the three-argument
 *                          constructor)
 */
public record ProviderReceipt(String providerMessageId, DeliveryStatus status, Instant acceptedAt,
        String fingerprint) {

    public ProviderReceipt {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    /** A receipt without a fingerprint. */
    public ProviderReceipt(String providerMessageId, DeliveryStatus status, Instant acceptedAt) {
        this(providerMessageId, status, acceptedAt, null);
    }
}
