package org.atstexting.texting.spi;

import java.util.List;

/**
 * Inbound texts read from a provider, and where to continue next time.
 *
 * @param texts  the new texts, oldest first
 * @param cursor the provider's opaque position after these texts; the core persists it
 */
public record InboundBatch(List<InboundText> texts, String cursor) {

    public InboundBatch {
        texts = List.copyOf(texts);
    }
}
