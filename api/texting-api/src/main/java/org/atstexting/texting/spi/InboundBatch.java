package org.atstexting.texting.spi;

import java.util.List;

/**
 * What a provider read since the last poll, and where to continue next time.
 *
 * @param texts          the new inbound texts, oldest first
 * @param statusUpdates  delivery status changes of sent texts, oldest first
 * @param sent           texts the account sent, from the provider's history (for reconciling
 *                       sends the core did not see finish); may be empty
 * @param cursor         the provider's opaque position after these; the core persists it.
 *                       It must never lie past a message the provider has not read: a
 *                       poll that stops early (its per-poll limit) returns the position of
 *                       the oldest message it did not read
 * @param more           {@code true} when the provider stopped before the newest message
 *                       (its per-poll limit): the core polls again at once from
 *                       {@code cursor} until a batch says {@code false}, so a backlog of any
 *                       size is read completely, oldest first
 * @since 1.1
 */
public record InboundBatch(List<InboundText> texts, List<StatusUpdate> statusUpdates, List<SentText> sent,
        String cursor, boolean more) {

    public InboundBatch {
        texts = List.copyOf(texts);
        statusUpdates = List.copyOf(statusUpdates);
        sent = List.copyOf(sent);
    }

    /** A complete batch: the provider read up to its newest message. */
    public InboundBatch(List<InboundText> texts, List<StatusUpdate> statusUpdates, List<SentText> sent,
            String cursor) {
        this(texts, statusUpdates, sent, cursor, false);
    }

    /** A batch without sent-history reconciliation. */
    public InboundBatch(List<InboundText> texts, List<StatusUpdate> statusUpdates, String cursor) {
        this(texts, statusUpdates, List.of(), cursor, false);
    }

    /** A batch of inbound texts only. */
    public InboundBatch(List<InboundText> texts, String cursor) {
        this(texts, List.of(), List.of(), cursor, false);
    }
}
