package org.atstexting.texting.spi;

import java.util.List;

/**
 * What a provider read since the last poll, and where to continue next time.
 *
 * @param texts          the new inbound texts, oldest first
 * @param statusUpdates  delivery status changes of sent texts, oldest first
 * @param sent           texts the account sent, from the provider's history (for reconciling
 *                       sends the core did not see finish); may be empty
 * @param cursor         the provider's opaque position after these; the core persists it
 */
public record InboundBatch(List<InboundText> texts, List<StatusUpdate> statusUpdates, List<SentText> sent,
        String cursor) {

    public InboundBatch {
        texts = List.copyOf(texts);
        statusUpdates = List.copyOf(statusUpdates);
        sent = List.copyOf(sent);
    }

    /** A batch without sent-history reconciliation. */
    public InboundBatch(List<InboundText> texts, List<StatusUpdate> statusUpdates, String cursor) {
        this(texts, statusUpdates, List.of(), cursor);
    }

    /** A batch of inbound texts only. */
    public InboundBatch(List<InboundText> texts, String cursor) {
        this(texts, List.of(), List.of(), cursor);
    }
}
