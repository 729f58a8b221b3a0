package org.atstexting.texting;

import java.time.Instant;
import java.util.List;
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
 * @param failure           why it failed or was not delivered, in plain words with the provider's
 *                          code; {@code null} unless {@link DeliveryStatus#FAILED} (and even then when
 *                          the provider gave no reason) (since 2.0)
 * @param media             the pictures or files sent with it (MMS), at most
 *                          {@value MediaItem#MAX_PER_TEXT}; empty for a plain SMS (since 2.0)
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
        DeliveryStatus status,
        DeliveryFailure failure,
        List<MediaItem> media) {

    public TextMessage {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(status, "status");
        media = media == null ? List.of() : List.copyOf(media);
        if (media.size() > MediaItem.MAX_PER_TEXT) {
            throw new IllegalArgumentException("A text carries at most " + MediaItem.MAX_PER_TEXT + " media items");
        }
    }

    /** A text without media and without a failure: a plain SMS. */
    public TextMessage(String provider, String providerMessageId, Direction direction, String from, String to,
            String body, Instant timestamp, String userId, DeliveryStatus status) {
        this(provider, providerMessageId, direction, from, to, body, timestamp, userId, status, null, List.of());
    }

    /** The key hosts use to attach a message once: provider and provider message id. */
    public String key() {
        return keyOf(provider, providerMessageId);
    }

    /** The {@link #key()} of the provider's message {@code providerMessageId}. */
    public static String keyOf(String provider, String providerMessageId) {
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

    /** This message with another delivery status (and its failure, if it has one, kept). */
    public TextMessage withStatus(DeliveryStatus newStatus) {
        return withStatus(newStatus, failure);
    }

    /** This message with another delivery status and the reason it failed ({@code null}: none). */
    public TextMessage withStatus(DeliveryStatus newStatus, DeliveryFailure newFailure) {
        return new TextMessage(provider, providerMessageId, direction, from, to, body, timestamp, userId, newStatus,
                newFailure, media);
    }
}
