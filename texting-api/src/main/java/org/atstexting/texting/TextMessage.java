package org.atstexting.texting;

import java.time.Instant;
import java.util.Objects;

/**
 * One text, sent or received, as it is archived on host records.
 *
 * @param provider          the provider's key, e.g. {@code zipwhip}
 * @param providerMessageId the provider's id of the message; with the provider it identifies the message
 * @param direction         outbound or inbound
 * @param from              sender's number in E.164
 * @param to                recipient's number in E.164
 * @param body              the text
 * @param timestamp         when it was sent or received
 * @param userId            the host user whose credentials sent it; for inbound texts the user
 *                          whose account received it; {@code null} if not known
 * @param status            the delivery status
 */
public record TextMessage(
        String provider,
        String providerMessageId,
        Direction direction,
        String from,
        String to,
        String body,
        Instant timestamp,
        String userId,
        DeliveryStatus status) {

    public TextMessage {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
    }

    /** The key hosts use to attach a message once: provider and provider message id. */
    public String key() {
        return provider + ":" + providerMessageId;
    }

    /** The other party's number: the recipient of an outbound text, the sender of an inbound one. */
    public String counterpart() {
        return direction == Direction.OUTBOUND ? to : from;
    }

    /** The text's SMS encoding and segment count. */
    public SegmentCount segments() {
        return SegmentCount.of(body);
    }

    /** This message with another delivery status. */
    public TextMessage withStatus(DeliveryStatus newStatus) {
        return new TextMessage(provider, providerMessageId, direction, from, to, body, timestamp, userId, newStatus);
    }
}
