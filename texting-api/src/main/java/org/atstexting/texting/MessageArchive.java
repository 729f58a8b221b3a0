package org.atstexting.texting;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Attaches sent and received texts to the matching employee and contact records.
 */
@ProviderType
public interface MessageArchive {

    /**
     * Archives a text. An outbound text sent from a record goes on that record; any other
     * text goes on every record whose number matches the other party. Archiving the same
     * message (same {@link TextMessage#key()}) again attaches it once and only moves its
     * status forward.
     *
     * @param message the text
     * @param origin  the record it was sent from, or {@code null}
     * @return the records it is attached to; empty if no record matched (it is then kept
     *         as unmatched)
     */
    List<RecordRef> archive(TextMessage message, RecordRef origin);

    /**
     * Archives texts that were not sent from a record (inbound texts, sends reconciled from
     * a provider's history) as one unit of work: each goes on every record whose number
     * matches the other party. Same rules as {@link #archive}; far cheaper per text for a
     * poll's page than one call each.
     *
     * @return for each text, in order, the records it is attached to
     */
    List<List<RecordRef>> archiveAll(List<TextMessage> messages);

    /**
     * Archives texts, each with the record it was sent from, as one unit of work: same
     * rules as {@link #archive}, one hand-over to the host for all of them. The core
     * archives what it sends this way, a page at a time, off the sender's thread.
     *
     * @return for each item, in order, the records its text is attached to
     * @since 1.1
     */
    List<List<RecordRef>> archiveItems(List<ArchiveItem> items);

    /**
     * Moves an archived text's delivery status forward on every record it is attached to.
     * A status that would move backwards (a late "sent" after "delivered") is ignored.
     *
     * @param messageKey the {@link TextMessage#key()} of the text
     * @return whether the text is known to the archive
     */
    boolean updateStatus(String messageKey, DeliveryStatus status);

    /** The archived text with that {@link TextMessage#key()}, attached, waiting or unmatched. */
    Optional<TextMessage> find(String messageKey);

    /**
     * Attaches an unmatched text to a record; it leaves the unmatched list.
     *
     * @return {@code false} if no unmatched text has that key or the host refused the record
     */
    boolean assign(String messageKey, RecordRef record);

    /** Texts that matched no record, oldest first. */
    List<TextMessage> unmatched();
}
