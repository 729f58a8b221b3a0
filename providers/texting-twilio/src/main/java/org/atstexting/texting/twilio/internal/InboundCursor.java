package org.atstexting.texting.twilio.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far inbound reading has come. Twilio's message sids are random, not ordered, and its
 * list is ordered by date with one-second precision, so the position is the newest
 * {@code date_created} handed over plus the sids handed over at that second (the older
 * provider stored it as {@code v1:<epoch second>:<sid>,<sid>}). A message is new if it is
 * later than that second, or at that second and not among those sids. See {@link WalkCursor}
 * for the rest of the walk's state.
 */
record InboundCursor(long epochSecond, Set<String> sidsAtThatSecond) {

    static final InboundCursor START = new InboundCursor(Long.MIN_VALUE, Set.of());
    private static final String PREFIX = "v1:";

    InboundCursor {
        sidsAtThatSecond = Set.copyOf(sidsAtThatSecond);
    }

    static InboundCursor parse(String cursor) {
        if (cursor == null || !cursor.startsWith(PREFIX)) {
            return START;
        }
        String[] parts = cursor.substring(PREFIX.length()).split(":", 2);
        try {
            long second = Long.parseLong(parts[0]);
            Set<String> sids = parts.length < 2 || parts[1].isEmpty() ? Set.of()
                    : new TreeSet<>(Arrays.asList(parts[1].split(",")));
            return new InboundCursor(second, sids);
        } catch (NumberFormatException e) {
            return START;
        }
    }

    boolean isNew(String sid, Instant created) {
        long second = created.getEpochSecond();
        return second > epochSecond || (second == epochSecond && !sidsAtThatSecond.contains(sid));
    }

    /** Whether everything at this instant or before is older than the cursor (the list can stop). */
    boolean isOlder(Instant created) {
        return created.getEpochSecond() < epochSecond;
    }

    /** This cursor moved past a message. */
    InboundCursor after(String sid, Instant created) {
        long second = created.getEpochSecond();
        if (second > epochSecond) {
            return new InboundCursor(second, Set.of(sid));
        }
        if (second == epochSecond) {
            Set<String> sids = new TreeSet<>(sidsAtThatSecond);
            sids.add(sid);
            return new InboundCursor(second, sids);
        }
        return this;
    }

    /** The cursor as the core stores it, or {@code null} before anything was read. */
    String encode() {
        return epochSecond == Long.MIN_VALUE ? null : PREFIX + epochSecond + ":" + String.join(",", new TreeSet<>(sidsAtThatSecond));
    }
}
