package org.atstexting.texting.spi;

import java.util.Objects;

/**
 * A text the core asks a provider to send.
 *
 * @param to   recipient in E.164
 * @param body the text, not blank
 */
public record OutboundText(String to, String body) {

    public OutboundText {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
    }
}
