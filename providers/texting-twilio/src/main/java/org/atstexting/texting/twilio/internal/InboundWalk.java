package org.atstexting.texting.twilio.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderException;

/**
 * Reads an account's inbound texts from Twilio's message list without ever skipping one.
 *
 * <p>Twilio lists newest first and pages by {@code next_page_uri}; the core needs texts
 * oldest first and a cursor that never lies past an unread one. A walk starts at the newest
 * page (limited by {@code DateSent>=} to the day before the position, in GMT, Twilio's only
 * date filter) and goes down until it reaches the position. If it gets there within the
 * poll's page budget, everything it passed is handed over, oldest first. If not, it hands
 * over nothing yet and says {@code more}: the cursor keeps the position, where to go on down
 * ({@code resume}) and the pages it passed ({@code pending}). When a later poll reaches the
 * position, it hands over the pages of that poll, and the next polls hand over the pending
 * pages, oldest first, re-reading each by the URI that led to it. That URI is anchored to a
 * message (Twilio's {@code PageToken}), so texts that arrive meanwhile (on top of the list)
 * do not move it; they are read by the next walk, which starts at the top again. The top page
 * of a walk is not anchored and is never kept: the next walk reads it anew. Duplicates (the
 * same second on both sides of a page) are dropped by sid.
 */
final class InboundWalk {

    private static final Logger LOG = Logger.getLogger(InboundWalk.class.getName());

    /** One message of a list page; {@code inbound} is {@code null} for anything but a text that came in. */
    record Listed(String sid, Instant created, InboundText inbound) {
    }

    /** One list page, newest first, and the URI of the next (older) page or {@code null}. */
    record Page(List<Listed> messages, String next) {
    }

    /** Reads one list page by its URI (relative to the API base). */
    interface PageSource {
        Page read(String uri) throws ProviderException;
    }

    private final PageSource source;
    private final String listUri;
    private final int maxPages;
    private final Clock clock;

    /**
     * @param listUri  the account's list URI with its filters and {@code PageSize}, without a date filter
     * @param maxPages how many pages one poll may read
     */
    InboundWalk(PageSource source, String listUri, int maxPages, Clock clock) {
        this.source = source;
        this.listUri = listUri;
        this.maxPages = Math.max(1, maxPages);
        this.clock = clock;
    }

    InboundBatch next(String cursorText) throws ProviderException {
        WalkCursor cursor = WalkCursor.parse(cursorText);
        if (!cursor.walking()) {
            return walkDown(cursor);
        }
        try {
            return cursor.resume() == null ? handOverPending(cursor) : walkDown(cursor);
        } catch (ProviderException e) {
            if (e.kind() != ProviderException.Kind.REJECTED) {
                throw e;
            }
            // Twilio refused a page URI it gave earlier (messages deleted, a token no longer
            // valid): start again from the top. Nothing is lost: the position only covers what
            // was handed over, and the new walk goes down to it.
            LOG.warning(() -> "Twilio refused a message list page it had given (" + e.getMessage()
                    + "); reading again from the newest down to where reading stood");
            return walkDown(new WalkCursor(cursor.position(), List.of(), null));
        }
    }

    /** The pages a walk passed, oldest first, as far as the budget goes. */
    private InboundBatch handOverPending(WalkCursor cursor) throws ProviderException {
        List<String> pending = new ArrayList<>(cursor.pending());
        InboundCursor position = cursor.position();
        List<InboundText> texts = new ArrayList<>();
        for (int pages = 0; pages < maxPages && !pending.isEmpty(); pages++) {
            Page page = source.read(pending.remove(pending.size() - 1));
            for (Listed m : reversed(page.messages())) {
                if (position.isNew(m.sid(), m.created())) {
                    if (m.inbound() != null) {
                        texts.add(m.inbound());
                    }
                    position = position.after(m.sid(), m.created());
                }
            }
        }
        // more: the top of the walk (never kept) and whatever came since are read by the next walk
        return batch(texts, cursor.with(position, pending, null), true);
    }

    /** Goes down from the top (or from where the last poll stopped) towards the position. */
    private InboundBatch walkDown(WalkCursor cursor) throws ProviderException {
        boolean fromTop = cursor.resume() == null;
        String uri = fromTop ? topUri(cursor.position()) : cursor.resume();
        InboundCursor position = cursor.position();
        List<String> passed = new ArrayList<>();
        List<Listed> fresh = new ArrayList<>(); // newest first
        for (int pages = 0; pages < maxPages; pages++) {
            Page page = source.read(uri);
            boolean reached = false;
            for (Listed m : page.messages()) {
                if (position.isOlder(m.created())) {
                    reached = true;
                    break;
                }
                if (position.isNew(m.sid(), m.created())) {
                    fresh.add(m);
                }
            }
            if (reached || page.next() == null) {
                return handOverWalked(cursor, fresh, !fromTop);
            }
            if (!(fromTop && pages == 0)) {
                passed.add(uri); // anchored: the same messages when read again
            }
            uri = page.next();
        }
        List<String> pending = new ArrayList<>(cursor.pending());
        pending.addAll(passed);
        return batch(List.of(), cursor.with(position, pending, uri), true);
    }

    /** The walk reached the position: what this poll read is contiguous down to it, so it is handed over. */
    private InboundBatch handOverWalked(WalkCursor cursor, List<Listed> freshNewestFirst, boolean more) {
        List<Listed> oldestFirst = reversed(freshNewestFirst);
        // same-second texts keep their list order (stable sort)
        oldestFirst.sort(Comparator.comparing(Listed::created));
        InboundCursor position = cursor.position();
        List<InboundText> texts = new ArrayList<>();
        for (Listed m : oldestFirst) {
            if (position.isNew(m.sid(), m.created())) {
                if (m.inbound() != null) {
                    texts.add(m.inbound());
                }
                position = position.after(m.sid(), m.created());
            }
        }
        return batch(texts, cursor.with(position, cursor.pending(), null), more || !cursor.pending().isEmpty());
    }

    private static List<Listed> reversed(List<Listed> list) {
        List<Listed> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private InboundBatch batch(List<InboundText> texts, WalkCursor cursor, boolean more) {
        return new InboundBatch(texts, List.of(), List.of(), cursor.encode(), more);
    }

    /**
     * The newest page, limited to messages sent on or after the day before the position (GMT),
     * or, the first time, since yesterday: Twilio's date filters are whole days in GMT.
     */
    private String topUri(InboundCursor position) {
        LocalDate from = position.equals(InboundCursor.START)
                ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1)
                : Instant.ofEpochSecond(position.epochSecond()).atOffset(ZoneOffset.UTC).toLocalDate().minusDays(1);
        return listUri + "&DateSent%3E=" + from;
    }
}
