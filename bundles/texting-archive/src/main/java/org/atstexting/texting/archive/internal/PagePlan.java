package org.atstexting.texting.archive.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome.Change;

/**
 * What a page of the {@link PageWriter} makes of its items, given what the store had: per item
 * its change and state, per text its work ({@link PageWork#move} keeps statuses forward only).
 */
record PagePlan(Map<String, PageWork> work, List<Change> changes, List<TextMessage> states) {

    List<PageWork> changed() {
        return work.values().stream().filter(w -> w.changed).toList();
    }

    /** This plan with the items {@code again} planned anew in place of what this plan made of them. */
    PagePlan with(PagePlan again, List<ArchiveItem> items) {
        Map<String, PageWork> merged = new LinkedHashMap<>(work);
        merged.putAll(again.work());
        List<Change> mergedChanges = new ArrayList<>(changes);
        List<TextMessage> mergedStates = new ArrayList<>(states);
        int j = 0;
        for (int i = 0; i < items.size(); i++) {
            if (again.work().containsKey(items.get(i).messageKey())) {
                mergedChanges.set(i, again.changes().get(j));
                mergedStates.set(i, again.states().get(j));
                j++;
            }
        }
        return new PagePlan(merged, mergedChanges, mergedStates);
    }

    /** The plan of {@code items} against what the store had of them ({@code stored}, by key). */
    static PagePlan of(List<ArchiveItem> items, Map<String, ArchiveStore.Stored> stored) {
        Map<String, PageWork> work = new LinkedHashMap<>();
        List<Change> changes = new ArrayList<>(items.size());
        List<TextMessage> states = new ArrayList<>(items.size());
        for (ArchiveItem item : items) {
            String key = item.messageKey();
            PageWork w = work.computeIfAbsent(key,
                    k -> Optional.ofNullable(stored.get(k)).map(PageWork::of).orElse(null));
            Change change;
            if (item instanceof ArchiveItem.Text text && w == null) {
                w = new PageWork(key, text.message(), text.origin(), List.of(), null);
                w.changed = true;
                work.put(key, w);
                change = Change.NEW;
            } else if (item instanceof ArchiveItem.Text text) {
                change = w.move(text.message().status(), text.message().failure());
            } else {
                ArchiveItem.Status status = (ArchiveItem.Status) item;
                change = w == null ? Change.UNKNOWN : w.move(status.status(), status.failure());
            }
            changes.add(change);
            states.add(w == null ? null : w.message);
        }
        return new PagePlan(work, changes, states);
    }
}
