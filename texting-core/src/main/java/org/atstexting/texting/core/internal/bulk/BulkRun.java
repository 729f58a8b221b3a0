package org.atstexting.texting.core.internal.bulk;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A running job in memory: its pending recipients by the zone their window is read in. */
final class BulkRun {
    final StoredJob job;
    final Counts counts = new Counts();
    final Map<ZoneId, ArrayDeque<Integer>> pending = new LinkedHashMap<>();
    final Set<Integer> inFlight = new HashSet<>();
    volatile boolean cancelled;
    Instant retryAt;
    Instant waitingUntil;

    BulkRun(StoredJob job) {
        this.job = job;
    }

    void queue(ZoneId zone, int index, boolean first) {
        ArrayDeque<Integer> queue = pending.computeIfAbsent(zone, z -> new ArrayDeque<>());
        if (first) {
            queue.addFirst(index);
        } else {
            queue.addLast(index);
        }
    }
}
