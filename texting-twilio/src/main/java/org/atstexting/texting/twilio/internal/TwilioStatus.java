package org.atstexting.texting.twilio.internal;

import java.util.Locale;

import org.atstexting.texting.DeliveryStatus;

/**
 * Twilio's message status words on the core's forward-only {@link DeliveryStatus}. From
 * Twilio's Message resource: queued, accepted, scheduled, sending, sent, delivered,
 * undelivered, failed, receiving, received, read, partially_delivered, canceled.
 */
final class TwilioStatus {

    private TwilioStatus() {
    }

    static DeliveryStatus of(String twilioStatus) {
        if (twilioStatus == null) {
            return DeliveryStatus.QUEUED;
        }
        return switch (twilioStatus.toLowerCase(Locale.ROOT)) {
            case "sent" -> DeliveryStatus.SENT;
            // partially_delivered: some segments/recipients got it (channel messages); treated as delivered
            case "delivered", "read", "partially_delivered" -> DeliveryStatus.DELIVERED;
            case "undelivered", "failed", "canceled" -> DeliveryStatus.FAILED;
            case "receiving", "received" -> DeliveryStatus.RECEIVED;
            // queued, accepted, scheduled, sending, and any word Twilio adds later: not yet sent
            default -> DeliveryStatus.QUEUED;
        };
    }
}
