package org.atstexting.texting.spi;

import java.util.List;
import java.util.Objects;

import org.atstexting.texting.MediaItem;

/**
 * A text the core asks a provider to send.
 *
 * @param to    recipient in E.164
 * @param body  the text, not blank
 * @param media pictures or files to send with it (MMS), at most {@value MediaItem#MAX_PER_TEXT}; empty for a
 *              plain text (since 1.4)
 */
public record OutboundText(String to, String body, List<MediaItem> media) {

    public OutboundText {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        media = media == null ? List.of() : List.copyOf(media);
        if (media.size() > MediaItem.MAX_PER_TEXT) {
            throw new IllegalArgumentException("A text carries at most " + MediaItem.MAX_PER_TEXT + " media items");
        }
    }

    /** A plain text without media (before SPI 1.4). */
    public OutboundText(String to, String body) {
        this(to, body, List.of());
    }
}
