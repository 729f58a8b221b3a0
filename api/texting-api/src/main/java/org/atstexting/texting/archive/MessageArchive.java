package org.atstexting.texting.archive;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Attaches sent and received texts to the matching employee and contact records, once, and
 * moves their delivery status only forward. One write entry point, {@link #archive}, takes
 * a batch and answers, item by item, what changed; callers announce events from that
 * answer and never ask first.
 */
@ProviderType
public interface MessageArchive {

    /**
     * Archives a batch: texts ({@link ArchiveItem.Text}) and delivery news about archived
     * texts ({@link ArchiveItem.Status}). The archive gathers batches that arrive together
     * into pages (one hand-over to the host and one commit for many texts) on its own
     * thread, in the order they arrived, so an item never overtakes one submitted before
     * it: a status update submitted after its text finds the text.
     *
     * <p>Rules: an outbound text sent from a record goes on that record; any other text on
     * every record whose number matches the other party; one that matches none is kept as
     * unmatched. The same text again ({@link TextMessage#key()}) is attached once; a status
     * only moves forward ({@link org.atstexting.texting.DeliveryStatus#canMoveTo}). While
     * the host's record service is missing or failing, texts wait in the archive's store and
     * are attached when it is back.
     *
     * <p>An empty batch is answered once everything submitted before it is archived: a
     * reader that must see what was just sent waits on it.
     *
     * @return completes with one outcome per item, in order, once the batch is committed;
     *         completes exceptionally if the archive's store failed (nothing of the page is
     *         then recorded) or the archive is stopping
     */
    CompletionStage<List<ArchiveOutcome>> archive(List<ArchiveItem> items);

    /** The archived text with that {@link TextMessage#key()}: attached, waiting or unmatched. */
    Optional<TextMessage> find(String messageKey);

    /**
     * Attaches an unmatched text to a record; it leaves the unmatched list. The core checks
     * that the acting user is an administrator before it calls.
     *
     * @return {@code false} if no unmatched text has that key or the host refused the record
     */
    boolean assign(String messageKey, RecordRef record);

    /** Texts that matched no record, oldest first. */
    List<TextMessage> unmatched();
}
