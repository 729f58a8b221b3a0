package org.atstexting.texting.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.atstexting.texting.MediaItem;

/**
 * A text that came in to a provider account.
 *
 * @param providerMessageId the provider's id of the message
 * @param from              the sender in E.164
 * @param to                the account's number in E.164
 * @param body              the text (may be empty when it only carries media)
 * @param receivedAt        when the provider received it
 * @param media             pictures or files that came with it (MMS), at most {@value MediaItem#MAX_PER_TEXT};
 *                          empty for a plain text (since 1.4)
 */
public record InboundText(String providerMessageId, String from, String to, String body, Instant receivedAt,
        List<MediaItem> media) {

    public InboundText {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        media = media == null ? List.of() : List.copyOf(media);
        if (media.size() > MediaItem.MAX_PER_TEXT) {
            throw new IllegalArgumentException("A text carries at most " + MediaItem.MAX_PER_TEXT + " media items");
        }
    }

    /** A plain text without media (before SPI 1.4). */
    public InboundText(String providerMessageId, String from, String to, String body, Instant receivedAt) {
        this(providerMessageId, from, to, body, receivedAt, List.of());
    }
}
