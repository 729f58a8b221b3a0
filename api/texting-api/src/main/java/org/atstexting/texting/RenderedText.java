package org.atstexting.texting;

import java.util.Objects;

/**
 * A template filled in for one record and sender, as it would be sent.
 *
 * @param body     the text
 * @param segments its SMS encoding and segment count
 */
public record RenderedText(String body, SegmentCount segments) {

    public RenderedText {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(segments, "segments");
    }

    /** The text with its segment count. */
    public static RenderedText of(String body) {
        return new RenderedText(body, SegmentCount.of(body));
    }
}
