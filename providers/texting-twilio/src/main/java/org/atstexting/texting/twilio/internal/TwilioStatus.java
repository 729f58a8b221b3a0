package org.atstexting.texting.twilio.internal;

import java.util.Locale;

import org.atstexting.texting.DeliveryStatus;

/**
 * Twilio's message status words, as a rank that only moves forward and on the core's
 * {@link DeliveryStatus}. From Twilio's Message resource: queued, accepted, scheduled,
 * sending, sent, delivered, undelivered, failed, receiving, received, read,
 * partially_delivered, canceled. {@code sent} may be final (no carrier receipt), so nothing
 * waits for {@code delivered}; callbacks come late, twice or out of order, so a word of a
 * lower or equal rank than the one already handed over is dropped.
 */
public final class TwilioStatus {

    private TwilioStatus() {
    }

    public static DeliveryStatus of(String twilioStatus) {
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

    /**
     * How far a status word is along: accepted/scheduled 0, queued 1, sending 2, sent 3,
     * delivered/partially_delivered 4, read 5 (it only follows delivered); the final failures
     * (undelivered, failed, canceled) 6, above everything, so a late {@code sent} never hides a
     * failure. A word Twilio adds later ranks -1: it never moves a status.
     */
    public static int rank(String twilioStatus) {
        if (twilioStatus == null) {
            return -1;
        }
        return switch (twilioStatus.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled" -> 0;
            case "queued" -> 1;
            case "sending" -> 2;
            case "sent" -> 3;
            case "delivered", "partially_delivered" -> 4;
            case "read" -> 5;
            case "undelivered", "failed", "canceled" -> 6;
            default -> -1;
        };
    }
}
