package org.atstexting.texting.textus.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where a poll goes on: {@code v1:<epoch nanoseconds>:<message ids at that instant already
 * handed over>} (TextUs's times may carry more than milliseconds; the cursor keeps them whole). Everything at or after the time that is not among the ids is still to hand
 * over, so a poll that stops at its budget never places the cursor past an unread text.
 */
record PollCursor(Instant at, Set<String> idsAt) {

    PollCursor {
        idsAt = Set.copyOf(idsAt);
    }

    static PollCursor parse(String text, Instant whenNone) {
        if (text == null || !text.startsWith("v1:")) {
            return new PollCursor(whenNone, Set.of());
        }
        String[] parts = text.split(":", 3);
        try {
            long nanos = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
            Set<String> ids = parts.length < 3 || parts[2].isEmpty() ? Set.of()
                    : new TreeSet<>(Arrays.asList(parts[2].split(",")));
            return new PollCursor(at, ids);
        } catch (NumberFormatException e) {
            return new PollCursor(whenNone, Set.of());
        }
    }

    /** Whether a text at {@code time} with {@code id} is still to hand over. */
    boolean isNew(Instant time, String id) {
        return time.isAfter(at) || (time.equals(at) && !idsAt.contains(id));
    }

    @Override
    public String toString() {
        return "v1:" + (at.getEpochSecond() * 1_000_000_000L + at.getNano()) + ":" + idsAt.stream().sorted().collect(Collectors.joining(","));
    }
}
