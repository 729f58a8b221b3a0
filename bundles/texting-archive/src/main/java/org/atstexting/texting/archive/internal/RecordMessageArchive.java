package org.atstexting.texting.archive.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.archive.internal.ArchiveStore.Place;
import org.atstexting.texting.host.HostRecords;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Attaches texts to host records: an outbound text sent from a record to that record,
 * every other text to each record whose number matches the other party.
 *
 * <p>Batches are written by the archive's own writer ({@link ArchiveQueue}), a page at a
 * time ({@link PageWriter}): every text is committed to the archive's store, handed to the
 * host, or kept pending while the host's record service is missing or failing and attached
 * when it is back (tried every {@value #RETRY_SECONDS} s and when the host service appears).
 */
@Component(service = MessageArchive.class)
public final class RecordMessageArchive implements MessageArchive {

    private static final long RETRY_SECONDS = 5;

    private final ArchiveStore store;
    private final PageWriter pages;
    private final ArchiveQueue queue;

    /** @param store the highest-ranked store: the shared database's once it is there (greedy: the archive restarts on it) */
    @Activate
    public RecordMessageArchive(@Reference(policyOption = ReferencePolicyOption.GREEDY) ArchiveStore store) {
        this.store = store;
        this.pages = new PageWriter(store);
        this.queue = new ArchiveQueue(pages::write);
        queue.every(RETRY_SECONDS, pages::deliverPending);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRecords(HostRecords host) {
        pages.host(host);
        queue.soon(pages::deliverPending);
    }

    void unbindRecords(HostRecords host) {
        pages.hostGone(host);
    }

    /** Hands the waiting texts to the host now (the writer also does so every few seconds). */
    void deliverPending() {
        pages.deliverPending();
    }

    /** The store closes after us: the batches still waiting are written first. */
    @Deactivate
    void stop() {
        queue.stop();
    }

    @Override
    public CompletionStage<List<ArchiveOutcome>> archive(List<ArchiveItem> items) {
        return queue.submit(items);
    }

    @Override
    public Optional<TextMessage> find(String messageKey) {
        return store.find(messageKey).map(s -> s.entry().message());
    }

    @Override
    public boolean assign(String messageKey, RecordRef record) {
        return pages.assign(messageKey, record);
    }

    @Override
    public List<TextMessage> unmatched() {
        return store.entries(Place.UNMATCHED, ArchiveStore.MAX_READ).stream().map(ArchiveEntry::message)
                .sorted(Comparator.comparing(TextMessage::timestamp)).toList();
    }
}
