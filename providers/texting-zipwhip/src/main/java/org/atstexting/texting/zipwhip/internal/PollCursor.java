package org.atstexting.texting.zipwhip.internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.atstexting.texting.DeliveryStatus;

/**
 * The polling cursor of one account, persisted by the core as an opaque string: the
 * highest message id read, and the sent messages whose delivery is not final yet with the
 * status last reported for each, so status changes of older messages are found (and not
 * reported twice) across restarts. Format: {@code <highest>[;<id>=<STATUS>,...]}; a plain
 * number (the first format) still reads.
 */
final class PollCursor {

    /** More pending messages than this: the oldest are no longer followed. */
    static final int MAX_PENDING = 500;

    long highest;
    /** True when there was no cursor: the account was never read (a cursor of "0" is an account read while empty). */
    boolean firstRead;
    final TreeMap<Long, DeliveryStatus> pending = new TreeMap<>();

    static PollCursor parse(String cursor) {
        PollCursor c = new PollCursor();
        if (cursor == null || cursor.isBlank()) {
            c.firstRead = true;
            return c;
        }
        String[] parts = cursor.split(";", 2);
        try {
            c.highest = Math.max(0, Long.parseLong(parts[0].trim()));
        } catch (NumberFormatException e) {
            c.firstRead = true; // a damaged cursor: read as if never read, rather than everything again
            return c;
        }
        if (parts.length > 1) {
            for (String entry : parts[1].split(",")) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                try {
                    c.pending.put(Long.parseLong(entry.substring(0, eq)),
                            DeliveryStatus.valueOf(entry.substring(eq + 1).toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException ignored) {
                    // a damaged entry is dropped; its status will not be followed
                }
            }
        }
        return c;
    }

    /** The lowest message id this poll must reach. */
    long lowestNeeded() {
        return pending.isEmpty() ? highest : Math.min(highest, pending.firstKey());
    }

    @Override
    public String toString() {
        while (pending.size() > MAX_PENDING) {
            pending.pollFirstEntry();
        }
        StringBuilder s = new StringBuilder(Long.toString(highest));
        String sep = ";";
        for (Map.Entry<Long, DeliveryStatus> e : pending.entrySet()) {
            s.append(sep).append(e.getKey()).append('=').append(e.getValue().name());
            sep = ",";
        }
        return s.toString();
    }
}
