package org.atstexting.texting.archive.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.ArchiveOutcome.Change;
import org.atstexting.texting.archive.internal.ArchiveStore.Move;
import org.atstexting.texting.archive.internal.ArchiveStore.Place;
import org.atstexting.texting.host.Attachment;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;

/**
 * Applies a page of items: decides for each what changed (this is the one place the
 * forward-only status rule is applied, so hosts need not), claims the changes, hands every
 * text that changed to the host in one call, and records where each ended up, all in one
 * transaction of the store ({@link ArchiveStore#inPage}). While the host is
 * away or failing, the texts that changed are committed as pending and handed over later
 * ({@link #deliverPending}). A crash between the host's attach and the commit is harmless:
 * whoever brings the text again (the poll re-reads from its cursor, a webhook is retried)
 * finds the host's attach idempotent.
 */
final class PageWriter {

    private static final Logger LOG = Logger.getLogger(PageWriter.class.getName());

    /** At most this many texts per hand-over to the host: one host transaction stays short. */
    static final int PAGE = 500;

    private final ArchiveStore store;
    private volatile HostRecords host;

    PageWriter(ArchiveStore store) {
        this.store = store;
    }

    void host(HostRecords records) {
        host = records;
    }

    synchronized void hostGone(HostRecords records) {
        if (host == records) {
            host = null;
        }
    }

    /** Archives a page; one outcome per item, in order. */
    synchronized List<ArchiveOutcome> write(List<ArchiveItem> items) {
        return store.inPage(page -> write(page, items));
    }

    /**
     * A page of texts alone (a send's text: new nearly always) claims before it looks: the claim's
     * insert finds the few that were stored already (a webhook or a poll brought them first), and
     * only those are read and applied as a page that looked first would have. That saves each new
     * text the look-up, a third of its statements.
     */
    private List<ArchiveOutcome> write(ArchiveStore.Page page, List<ArchiveItem> items) {
        Set<String> keys = items.stream().map(ArchiveItem::messageKey).collect(java.util.stream.Collectors.toSet());
        boolean claimFirst = keys.size() == items.size() && items.stream().allMatch(ArchiveItem.Text.class::isInstance);
        PagePlan plan = PagePlan.of(items, claimFirst ? Map.of() : page.find(keys));
        Set<String> lost = new java.util.HashSet<>(claim(page, plan.changed()));
        if (claimFirst && !lost.isEmpty()) {
            plan = replanStored(page, items, plan, lost);
        }
        settle(page, plan.changed().stream().filter(w -> !lost.contains(w.key)).toList());
        return outcomes(page, items, plan.changes(), plan.states(), plan.work(), lost);
    }

    /**
     * Applies the texts a claim-first page found stored already to what the store has of them,
     * and claims what that changes; {@code lost} is left holding only what another writer changed.
     */
    private PagePlan replanStored(ArchiveStore.Page page, List<ArchiveItem> items, PagePlan plan, Set<String> lost) {
        Map<String, ArchiveStore.Stored> stored = page.find(lost);
        PagePlan again = PagePlan.of(items.stream().filter(i -> stored.containsKey(i.messageKey())).toList(), stored);
        lost.removeAll(stored.keySet());
        lost.addAll(claim(page, again.changed()));
        return plan.with(again, items);
    }

    /** Claims the changed texts, new ones where {@link #expect} says they will end up. */
    private Set<String> claim(ArchiveStore.Page page, List<PageWork> changed) {
        expect(changed);
        return changed.isEmpty() ? Set.of() : page.claim(changed.stream().map(PageWork::claim).toList());
    }

    /** The answer per item; a change another node made first is no change of ours (it announces it). */
    private static List<ArchiveOutcome> outcomes(ArchiveStore.Page page, List<ArchiveItem> items,
            List<Change> changes, List<TextMessage> states, Map<String, PageWork> work, Set<String> lost) {
        Map<String, ArchiveStore.Stored> now = lost.isEmpty() ? Map.of() : page.find(lost);
        List<ArchiveOutcome> outcomes = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String key = items.get(i).messageKey();
            if (lost.contains(key)) {
                ArchiveStore.Stored other = now.get(key);
                outcomes.add(new ArchiveOutcome(other == null ? Change.UNKNOWN : Change.UNCHANGED,
                        other == null ? null : other.entry().message(),
                        other == null ? List.of() : other.entry().recordRefs()));
                continue;
            }
            PageWork w = work.get(key);
            outcomes.add(new ArchiveOutcome(changes.get(i), states.get(i), w == null ? List.of() : w.records));
        }
        return outcomes;
    }

    /**
     * Where each new text should end up: on the records the host names for it (unmatched when
     * none), or pending while the host is away. Its claim writes it there, so when the host then
     * takes it as expected (nearly always) the page writes each new text once. The claim still
     * comes before the hand-over: a node whose claim loses never hands a text to the host, whose
     * copy would otherwise take a status older than the winner's.
     */
    private void expect(List<PageWork> changed) {
        HostRecords records = host;
        if (records == null) {
            return;
        }
        for (PageWork w : changed) {
            if (w.from != null) {
                continue;
            }
            try {
                w.records = targets(records, w.message, w.origin);
                w.targeted = true;
                w.claimed = w.records.isEmpty() ? Place.UNMATCHED : Place.ATTACHED;
            } catch (RuntimeException e) {
                // the host failing to answer is the host being away: the hand-over says so and the text waits
                w.records = List.of();
                w.targeted = false;
                w.claimed = Place.PENDING;
            }
        }
    }

    /**
     * Hands the texts to the host and commits where they ended up; texts kept as unmatched
     * stay so (an admin assigns them). Returns whether the host took them.
     */
    private boolean settle(ArchiveStore.Page page, List<PageWork> changed) {
        if (changed.isEmpty()) {
            return true;
        }
        List<PageWork> toHost = new ArrayList<>(changed.size());
        List<Move> moves = new ArrayList<>(changed.size());
        for (PageWork w : changed) {
            if (w.from == Place.UNMATCHED) {
                moves.add(w.to(Place.UNMATCHED));
            } else {
                toHost.add(w);
            }
        }
        boolean delivered = toHost.isEmpty() || deliver(toHost);
        for (PageWork w : toHost) {
            if (!delivered && w.from == null) {
                w.records = List.of(); // a waiting text is matched again when the host is back
            }
            Place place = !delivered ? Place.PENDING : w.records.isEmpty() ? Place.UNMATCHED : Place.ATTACHED;
            if (!w.settledByClaim(place)) {
                moves.add(w.to(place));
            }
        }
        page.commit(moves);
        return delivered;
    }

    /** Hands texts to the host in one call; {@code false} (nothing changed) if it could not take them now. */
    private boolean deliver(List<PageWork> texts) {
        HostRecords records = host;
        if (records == null) {
            return false;
        }
        try {
            List<Attachment> attachments = new ArrayList<>(texts.size());
            List<PageWork> owners = new ArrayList<>(texts.size());
            for (PageWork w : texts) {
                for (RecordRef ref : w.targeted || !w.records.isEmpty() ? w.records
                        : targets(records, w.message, w.origin)) {
                    attachments.add(new Attachment(ref, w.message));
                    owners.add(w);
                }
            }
            List<Boolean> accepted = attachments.isEmpty() ? List.of() : records.attachAll(attachments);
            Map<PageWork, List<RecordRef>> attached = new LinkedHashMap<>();
            texts.forEach(w -> attached.put(w, new ArrayList<>(1)));
            for (int i = 0; i < attachments.size(); i++) {
                if (accepted.get(i)) {
                    attached.get(owners.get(i)).add(attachments.get(i).ref());
                }
            }
            attached.forEach((w, refs) -> {
                w.records = List.copyOf(refs);
                if (refs.isEmpty()) {
                    LOG.info(() -> "No record has number " + w.message.counterpart() + "; kept " + w.key
                            + " as unmatched");
                }
            });
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The host could not take " + texts.size() + " text(s) now; they wait", e);
            return false;
        }
    }

    private static List<RecordRef> targets(HostRecords host, TextMessage message, RecordRef origin) {
        if (origin != null && message.direction() == Direction.OUTBOUND) {
            return List.of(origin);
        }
        return host.findByPhone(message.counterpart()).stream().map(HostRecord::ref).toList();
    }

    /** Hands the waiting texts to the host, a page at a time; stops at the first sign the host is away. */
    void deliverPending() {
        List<String> keys = store.keys(Place.PENDING, ArchiveStore.MAX_READ);
        for (int from = 0; from < keys.size() && host != null; from += PAGE) {
            if (!deliverPending(keys.subList(from, Math.min(from + PAGE, keys.size())))) {
                return;
            }
        }
    }

    private synchronized boolean deliverPending(List<String> keys) {
        return store.inPage(page -> {
            List<PageWork> waiting = new ArrayList<>(keys.size());
            for (ArchiveStore.Stored stored : page.find(keys).values()) {
                if (stored.place() == Place.PENDING) {
                    waiting.add(PageWork.of(stored));
                }
            }
            return settle(page, waiting);
        });
    }

    /** Attaches an unmatched text to a record; {@code false} if there is none or the host refused the record. */
    synchronized boolean assign(String key, RecordRef record) {
        Optional<ArchiveStore.Stored> stored = store.find(key).filter(s -> s.place() == Place.UNMATCHED);
        HostRecords records = host;
        if (stored.isEmpty() || records == null || !records.attach(record, stored.get().entry().message())) {
            return false;
        }
        PageWork w = PageWork.of(stored.get());
        w.records = List.of(record);
        return store.inPage(page -> {
            page.commit(List.of(w.to(Place.ATTACHED)));
            return true;
        });
    }
}
