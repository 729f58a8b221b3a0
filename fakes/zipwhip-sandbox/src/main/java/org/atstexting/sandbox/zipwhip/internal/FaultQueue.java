package org.atstexting.sandbox.zipwhip.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;

/** The faults injected per API method, used up one call at a time in the order injected. Thread-safe. */
final class FaultQueue {

    /**
     * One fault a call suffers.
     *
     * @param fault             what goes wrong
     * @param retryAfterSeconds for {@link Fault#RATE_LIMITED}: the Retry-After value
     */
    record Injected(Fault fault, int retryAfterSeconds) {
    }

    private static final class Entry {
        final Injected injected;
        int remaining;

        Entry(Injected injected, int remaining) {
            this.injected = injected;
            this.remaining = remaining;
        }
    }

    private final Map<String, Deque<Entry>> faults = new HashMap<>();

    synchronized void add(String method, Fault fault, int retryAfterSeconds, int times) {
        faults.computeIfAbsent(method, k -> new ArrayDeque<>()).add(new Entry(new Injected(fault, retryAfterSeconds), times));
    }

    /** @return the fault the next call of {@code method} suffers, or null */
    synchronized Injected take(String method) {
        Deque<Entry> queue = faults.get(method);
        if (queue == null || queue.isEmpty()) {
            return null;
        }
        Entry e = queue.peek();
        if (--e.remaining <= 0) {
            queue.poll();
        }
        return e.injected;
    }

    synchronized void clear() {
        faults.clear();
    }
}
