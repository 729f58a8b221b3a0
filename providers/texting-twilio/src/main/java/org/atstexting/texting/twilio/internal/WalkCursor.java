package org.atstexting.texting.twilio.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

/**
 * The whole state of the inbound walk, as the core stores it between polls:
 * <ul>
 * <li>{@code position}: everything at or before it has been handed to the core;</li>
 * <li>{@code resume}: while a walk is still looking for {@code position} (the backlog is
 * larger than one poll's pages), the {@code next_page_uri} to go on from;</li>
 * <li>{@code pending}: the pages such a walk passed and must hand over later, oldest last,
 * each as the {@code next_page_uri} that led to it. Twilio anchors such a URI to a message
 * ({@code PageToken}), so it names the same messages however many arrive meanwhile.</li>
 * </ul>
 * Encoded {@code v2:<json>}; a {@code v1:} cursor of the earlier provider is read as a position.
 */
record WalkCursor(InboundCursor position, List<String> pending, String resume) {

    static final WalkCursor START = new WalkCursor(InboundCursor.START, List.of(), null);
    private static final String PREFIX = "v2:";
    private static final Gson GSON = new Gson();

    /** The stored form. */
    private record Stored(long second, List<String> sids, List<String> pending, String resume) {
    }

    WalkCursor {
        pending = List.copyOf(pending);
    }

    static WalkCursor parse(String cursor) {
        if (cursor == null) {
            return START;
        }
        if (!cursor.startsWith(PREFIX)) {
            return new WalkCursor(InboundCursor.parse(cursor), List.of(), null);
        }
        try {
            Stored stored = GSON.fromJson(cursor.substring(PREFIX.length()), Stored.class);
            if (stored == null) {
                return START;
            }
            Set<String> sids = stored.sids() == null ? Set.of() : new TreeSet<>(stored.sids());
            return new WalkCursor(new InboundCursor(stored.second(), sids),
                    stored.pending() == null ? List.of() : stored.pending(), stored.resume());
        } catch (JsonParseException e) {
            return START;
        }
    }

    /** Whether a walk is under way (looking for the position, or handing over pages it passed). */
    boolean walking() {
        return resume != null || !pending.isEmpty();
    }

    WalkCursor with(InboundCursor newPosition, List<String> newPending, String newResume) {
        return new WalkCursor(newPosition, newPending, newResume);
    }

    /** The cursor as the core stores it, or {@code null} before anything was read. */
    String encode() {
        if (position.equals(InboundCursor.START) && !walking()) {
            return null;
        }
        return PREFIX + GSON.toJson(new Stored(position.epochSecond(), new ArrayList<>(new TreeSet<>(
                position.sidsAtThatSecond())), pending, resume));
    }
}
