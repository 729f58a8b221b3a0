package org.atstexting.texting.archive.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.ArchiveItem;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.MessageArchive;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.host.Attachment;
import org.atstexting.texting.host.HostRecord;
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
 * <p>Every text is first committed to the archive's own store, then handed to the host.
 * While the host's record service is missing or failing, texts wait in the store and are
 * attached when it is back; the host's idempotent attach makes every retry harmless.
 */
@Component(service = MessageArchive.class)
public final class RecordMessageArchive implements MessageArchive {

    private static final Logger LOG = Logger.getLogger(RecordMessageArchive.class.getName());
    private static final long RETRY_SECONDS = 5;

    private final ArchiveStore store;
    private final ScheduledExecutorService retries;
    private volatile HostRecords records;

    @Activate
    public RecordMessageArchive(@Reference ArchiveStore store) {
        this.store = store;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ats-texting archive retries");
            t.setDaemon(true);
            return t;
        });
        retries.scheduleWithFixedDelay(this::deliverPending, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRecords(HostRecords host) {
        records = host;
        retries.execute(this::deliverPending);
    }

    void unbindRecords(HostRecords host) {
        synchronized (this) {
            if (records == host) {
                records = null;
            }
        }
    }

    @Deactivate
    void stop() {
        retries.shutdownNow();
        try {
            // the store closes after us: let a retry that is under way finish its commit first
            retries.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized List<RecordRef> archive(TextMessage message, RecordRef origin) {
        String key = message.key();
        Optional<ArchiveEntry> known = known(key);
        ArchiveEntry entry;
        if (known.isPresent()) {
            ArchiveEntry previous = known.get();
            if (!previous.message().status().canMoveTo(message.status())) {
                return previous.recordRefs(); // the same text again: attached once
            }
            entry = previous.with(previous.message().withStatus(message.status()));
        } else {
            entry = ArchiveEntry.of(message, origin, List.of());
        }
        return deliverOrKeep(key, entry);
    }

    @Override
    public List<List<RecordRef>> archiveAll(List<TextMessage> messages) {
        return archiveItems(messages.stream().map(m -> new ArchiveItem(m, null)).toList());
    }

    @Override
    public synchronized List<List<RecordRef>> archiveItems(List<ArchiveItem> items) {
        Map<String, Work> work = new LinkedHashMap<>();
        Map<String, List<RecordRef>> done = new HashMap<>();
        for (ArchiveItem item : items) {
            TextMessage message = item.message();
            String key = message.key();
            Work queued = work.get(key);
            if (queued != null) { // twice in the same page
                if (queued.message().status().canMoveTo(message.status())) {
                    work.put(key, queued.withStatus(message.status()));
                }
                continue;
            }
            Optional<ArchiveEntry> known = known(key);
            if (known.isEmpty()) {
                work.put(key, new Work(message, item.origin(), List.of(), true));
            } else if (known.get().message().status().canMoveTo(message.status())) {
                ArchiveEntry previous = known.get();
                work.put(key, new Work(previous.message().withStatus(message.status()), previous.originRef(),
                        previous.recordRefs(), false));
            } else {
                done.put(key, known.get().recordRefs()); // the same text again: attached once
            }
        }
        if (!work.isEmpty()) {
            Optional<Map<String, List<RecordRef>>> delivered = deliverAll(work);
            if (delivered.isPresent()) {
                done.putAll(delivered.get());
            } else {
                Map<String, ArchiveEntry> waiting = new LinkedHashMap<>();
                work.forEach((key, w) -> waiting.put(key, w.entry(w.records())));
                store.putPendingAll(waiting);
            }
        }
        return items.stream().map(i -> done.getOrDefault(i.message().key(), List.of())).toList();
    }

    /**
     * A text of a page on its way to the host, kept as objects until it is stored: a page
     * of sends parses and serialises each text once.
     *
     * @param fresh whether the archive had never seen it (then no older entry needs removing)
     */
    private record Work(TextMessage message, RecordRef origin, List<RecordRef> records, boolean fresh) {

        Work withStatus(DeliveryStatus status) {
            return new Work(message.withStatus(status), origin, records, fresh);
        }

        ArchiveEntry entry(List<RecordRef> attached) {
            return ArchiveEntry.of(message, origin, attached);
        }
    }

    /** Hands several texts to the host in one call; empty if the host could not take them now. */
    private Optional<Map<String, List<RecordRef>>> deliverAll(Map<String, Work> work) {
        HostRecords host = records;
        if (host == null) {
            return Optional.empty();
        }
        try {
            List<Attachment> attachments = new ArrayList<>(work.size());
            List<String> owners = new ArrayList<>(work.size());
            for (Map.Entry<String, Work> item : work.entrySet()) {
                Work w = item.getValue();
                List<RecordRef> targets = w.records().isEmpty() ? targets(host, w.message(), w.origin()) : w.records();
                for (RecordRef ref : targets) {
                    attachments.add(new Attachment(ref, w.message()));
                    owners.add(item.getKey());
                }
            }
            List<Boolean> accepted = attachments.isEmpty() ? List.of() : host.attachAll(attachments);
            Map<String, List<RecordRef>> attached = new HashMap<>();
            work.keySet().forEach(key -> attached.put(key, new ArrayList<>(1)));
            for (int i = 0; i < attachments.size(); i++) {
                if (accepted.get(i)) {
                    attached.get(owners.get(i)).add(attachments.get(i).ref());
                }
            }
            Map<String, ArchiveEntry> settled = new LinkedHashMap<>();
            Set<String> fresh = new HashSet<>();
            work.forEach((key, w) -> {
                settled.put(key, w.entry(attached.get(key)));
                if (w.fresh()) {
                    fresh.add(key);
                }
            });
            store.settleAll(settled, fresh);
            return Optional.of(attached);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The host could not take " + work.size() + " texts now; they wait", e);
            return Optional.empty();
        }
    }

    @Override
    public synchronized boolean updateStatus(String messageKey, DeliveryStatus status) {
        Optional<ArchiveEntry> known = known(messageKey);
        if (known.isEmpty()) {
            return false;
        }
        ArchiveEntry previous = known.get();
        if (!previous.message().status().canMoveTo(status)) {
            return true; // a late update never wins
        }
        ArchiveEntry entry = previous.with(previous.message().withStatus(status));
        if (store.unmatched(messageKey).isPresent()) {
            store.putUnmatched(messageKey, entry);
        } else {
            deliverOrKeep(messageKey, entry);
        }
        return true;
    }

    @Override
    public synchronized Optional<TextMessage> find(String messageKey) {
        return known(messageKey).map(ArchiveEntry::message);
    }

    @Override
    public synchronized boolean assign(String messageKey, RecordRef record) {
        Optional<ArchiveEntry> unmatched = store.unmatched(messageKey);
        HostRecords host = records;
        if (unmatched.isEmpty() || host == null || !host.attach(record, unmatched.get().message())) {
            return false;
        }
        store.settle(messageKey, unmatched.get().withRecords(List.of(record)));
        return true;
    }

    @Override
    public List<TextMessage> unmatched() {
        return store.unmatched().stream().map(ArchiveEntry::message)
                .sorted(Comparator.comparing(TextMessage::timestamp)).toList();
    }

    private Optional<ArchiveEntry> known(String key) {
        return store.pending(key).or(() -> store.attached(key)).or(() -> store.unmatched(key));
    }

    /**
     * Hands a text to the host, or, if the host is away or failing, keeps it pending for the
     * next try. A crash between the host's attach and our settle is harmless: whoever
     * brings the text again (the poll re-reads from its cursor, a webhook is retried) finds
     * the host's attach idempotent.
     */
    private List<RecordRef> deliverOrKeep(String key, ArchiveEntry entry) {
        Optional<List<RecordRef>> attached = deliver(key, entry);
        if (attached.isEmpty()) {
            store.putPending(key, entry);
            return List.of();
        }
        return attached.get();
    }

    /** The records the text is now on, or empty if the host could not take it now. */
    private Optional<List<RecordRef>> deliver(String key, ArchiveEntry entry) {
        HostRecords host = records;
        if (host == null) {
            return Optional.empty();
        }
        try {
            TextMessage message = entry.message();
            List<RecordRef> targets = entry.recordRefs().isEmpty() ? targets(host, message, entry.originRef())
                    : entry.recordRefs();
            List<RecordRef> attached = new ArrayList<>(targets.size());
            for (RecordRef ref : targets) {
                if (host.attach(ref, message)) {
                    attached.add(ref);
                }
            }
            store.settle(key, entry.withRecords(attached));
            if (attached.isEmpty()) {
                LOG.info(() -> "No record has number " + message.counterpart() + "; kept " + key + " as unmatched");
            }
            return Optional.of(attached);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The host could not take " + key + " now; it waits and is tried again", e);
            return Optional.empty();
        }
    }

    private static List<RecordRef> targets(HostRecords host, TextMessage message, RecordRef origin) {
        if (origin != null && message.direction() == Direction.OUTBOUND) {
            return List.of(origin);
        }
        return host.findByPhone(message.counterpart()).stream().map(HostRecord::ref).toList();
    }

    /** Tries every waiting text once; stops at the first sign the host is away. */
    void deliverPending() {
        for (String key : store.pendingKeys()) {
            if (records == null) {
                return;
            }
            synchronized (this) {
                store.pending(key).ifPresent(entry -> deliver(key, entry));
            }
        }
    }
}
