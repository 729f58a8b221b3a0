package org.atstexting.texting.zipwhip.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The poll walk: reads an account's {@code message/list} and turns what is new into inbound
 * texts, status updates and sent history, tracked by a {@link PollCursor}.
 *
 * <p>{@code message/list} is newest first, paged by offsets that shift as messages arrive.
 * A poll therefore walks <em>up</em> from the cursor: it finds the offset of the newest
 * message it has read already (a search by single-message probes), then reads the page that
 * ends there, then the page above it, and so on. Each page must overlap what was read
 * (contain a message at or below the last id read); if arrivals pushed it up, the page is
 * read again further down, and from then on pages overlap by half, so that texts arriving
 * during every read slow the walk down instead of stopping it. So everything between the
 * cursor and the highest id read is read, oldest first, and when the page budget ends the
 * cursor stops there: the batch says
 * {@code more} and the core polls again at once. A backlog of any size is read completely and
 * no message is ever skipped.
 */
final class ZipwhipPoll {

    private static final Logger LOG = Logger.getLogger(ZipwhipPoll.class.getName());

    private final ZipwhipMessages messages;
    private final ZipwhipInbound inbound;
    private final ZipwhipMessageList list;
    private final int maxPages;

    ZipwhipPoll(ZipwhipConfiguration config, ZipwhipMessages messages, ZipwhipInbound inbound,
            ZipwhipMessageList list) {
        this.messages = messages;
        this.inbound = inbound;
        this.list = list;
        this.maxPages = Math.max(1, config.maxPagesPerPoll());
    }

    /** What one walk read. */
    private static final class Walk {
        final List<JsonObject> fresh = new ArrayList<>();
        final Map<Long, JsonObject> pendingSeen = new LinkedHashMap<>();
        long reached;
        boolean top;
    }

    /**
     * Reads what is new since the cursor, oldest first, within the page budget. The first
     * read of an account (no cursor) imports only the newest pages: history from before the
     * integration is not texts to hand over.
     */
    InboundBatch fetchInbound(ProviderCredentials credentials, String cursorText) throws ProviderException {
        PollCursor cursor = PollCursor.parse(cursorText);
        Walk walk = cursor.firstRead ? firstRead(credentials) : walkUp(credentials, cursor);
        String account = credentials.phoneNumber();
        List<InboundText> texts = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        List<SentText> sent = new ArrayList<>();
        walk.fresh.sort(Comparator.comparingLong(ZipwhipMessages::id));
        for (JsonObject message : walk.fresh) {
            long id = ZipwhipMessages.id(message);
            switch (messages.direction(message, account)) {
                case OUTBOUND -> {
                    messages.sent(message, account).ifPresent(sent::add);
                    follow(cursor, id, DeliveryStatus.QUEUED, message, statuses);
                }
                case INBOUND -> messages.inbound(message, account)
                        .filter(t -> inbound.delivered(t.providerMessageId()).isEmpty())
                        .ifPresent(texts::add);
                case UNKNOWN -> LOG.fine(() -> "Zipwhip message " + id + " says neither who sent it nor its type; "
                        + "left alone");
            }
        }
        for (Map.Entry<Long, JsonObject> seen : walk.pendingSeen.entrySet()) {
            follow(cursor, seen.getKey(), cursor.pending.get(seen.getKey()), seen.getValue(), statuses);
        }
        cursor.highest = Math.max(cursor.highest, walk.reached);
        statuses.sort(Comparator.comparing(StatusUpdate::at));
        if (!walk.top) {
            LOG.fine(() -> "Zipwhip's message list of " + credentials.username() + " holds more than one poll "
                    + "reads; the core reads on at once");
        }
        return new InboundBatch(texts, statuses, sent, cursor.toString(), !walk.top);
    }

    /**
     * Walks up from the cursor (or from the oldest sent message whose status is still followed,
     * if that is lower) within the page budget; see the class comment. Longer than 50 lines on
     * purpose: the first page, the trimming of old statuses and the page loop share the budget,
     * the start position and the lowest id still needed; apart, they would pass all three back
     * and forth.
     */
    private Walk walkUp(ProviderCredentials credentials, PollCursor cursor) throws ProviderException {
        int size = list.pageSize();
        long highest = cursor.highest;
        long from = cursor.lowestNeeded();
        Walk walk = new Walk();
        JsonArray newest = list.page(credentials, 0, size);
        if (newest.size() < size || oldest(newest) <= from) {
            // the usual case: everything new fits the first page
            walk.reached = from;
            take(newest, cursor, highest, walk);
            walk.top = true;
            forgetDeleted(cursor, from, walk);
            return walk;
        }
        Probe probe = new Probe(credentials);
        int start = probe.positionOf(highest);
        // pages after the first (at least two, so every poll gets past what it read before); probes are
        // single-message calls and not counted
        int budget = Math.max(2, maxPages - 1);
        if (from < highest) {
            int low = probe.positionOf(from);
            // less than half the budget goes to the statuses of older sends, so each poll reads on past the
            // cursor; sends older than that are no longer followed
            int deepest = start + ((budget - 1) / 2) * (size - 1);
            if (low > deepest && probe.idAt(deepest) != null) {
                long cut = probe.idAt(deepest);
                int dropped = cursor.pending.headMap(cut).size();
                cursor.pending.headMap(cut).clear();
                LOG.fine(() -> "No longer following the delivery of " + dropped + " older Zipwhip sends of "
                        + credentials.username());
                start = deepest;
                from = cut;
            } else {
                start = low;
            }
        }
        walk.reached = from;
        // each page overlaps the last by one message while nothing arrives; once something did, by half a page,
        // or texts arriving during every read would push each next page past what was read and the walk would
        // never get up to the newest
        int step = size - 1;
        for (int p = start; budget > 0; budget--) {
            int s = Math.max(0, p - step);
            JsonArray page = list.page(credentials, s, size);
            if (page.isEmpty()) {
                walk.top = true;
                break;
            }
            if (page.size() == size && oldest(page) > walk.reached) {
                // messages arrived since the last read and pushed what was read below this page: the next
                // page starts where this one ends
                step = Math.max(1, size / 2);
                p = s + (size - 1) + step;
                continue;
            }
            take(page, cursor, highest, walk);
            if (s == 0) {
                walk.top = true;
                break;
            }
            p = s;
        }
        forgetDeleted(cursor, from, walk);
        return walk;
    }

    private static long oldest(JsonArray page) {
        return ZipwhipMessages.id(page.get(page.size() - 1).getAsJsonObject());
    }

    /** Takes a page that reaches down to what was read: its messages above it, oldest first. */
    private static void take(JsonArray page, PollCursor cursor, long highest, Walk walk) {
        for (int i = page.size() - 1; i >= 0; i--) {
            JsonObject m = page.get(i).getAsJsonObject();
            long id = ZipwhipMessages.id(m);
            if (cursor.pending.containsKey(id)) {
                walk.pendingSeen.put(id, m);
            }
            if (id <= walk.reached) {
                continue;
            }
            if (id > highest) {
                walk.fresh.add(m);
            }
            walk.reached = id;
        }
    }

    /** Pending sends the walk went past without seeing are gone (deleted): they are no longer followed. */
    private static void forgetDeleted(PollCursor cursor, long from, Walk walk) {
        long to = Math.min(walk.reached, cursor.highest);
        cursor.pending.keySet().removeIf(id -> id > from && id <= to && !walk.pendingSeen.containsKey(id));
    }

    /** Single-message reads of the list by offset, to find where an id lies. */
    private final class Probe {
        private final ProviderCredentials credentials;
        private final Map<Integer, Long> ids = new LinkedHashMap<>();

        Probe(ProviderCredentials credentials) {
            this.credentials = credentials;
        }

        /** The id at {@code offset}, or null past the end of the list. */
        Long idAt(int offset) throws ProviderException {
            if (!ids.containsKey(offset)) {
                JsonArray one = list.page(credentials, offset, 1);
                ids.put(offset, one.isEmpty() ? null : ZipwhipMessages.id(one.get(0).getAsJsonObject()));
            }
            return ids.get(offset);
        }

        /**
         * An offset at or just past (within a quarter page) the newest message with an id
         * of at most {@code id}; the list's length if there is none. Exponential, then binary.
         */
        int positionOf(long id) throws ProviderException {
            Long first = idAt(0);
            if (first == null || first <= id) {
                return 0;
            }
            int size = list.pageSize();
            int lo = 0;
            int hi;
            for (int step = size;; step = (int) Math.min(Integer.MAX_VALUE / 4, 2L * step)) {
                int o = lo + step;
                Long v = idAt(o);
                if (v == null || v <= id) {
                    hi = o;
                    break;
                }
                lo = o;
            }
            while (hi - lo > Math.max(1, size / 4)) {
                int mid = (lo + hi) >>> 1;
                Long v = idAt(mid);
                if (v != null && v > id) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return hi;
        }
    }

    private Walk firstRead(ProviderCredentials credentials) throws ProviderException {
        Walk walk = new Walk();
        walk.top = true; // older history is not imported (see fetchInbound)
        int size = list.pageSize();
        for (int page = 0; page < maxPages; page++) {
            JsonArray messagesPage = list.page(credentials, page * size, size);
            messagesPage.forEach(e -> walk.fresh.add(e.getAsJsonObject()));
            if (messagesPage.size() < size) {
                break;
            }
        }
        walk.reached = walk.fresh.stream().mapToLong(ZipwhipMessages::id).max().orElse(0);
        return walk;
    }
    /** Reports a sent message's status if it moved on from {@code known}, and follows it while it is not final. */
    private void follow(PollCursor cursor, long id, DeliveryStatus known, JsonObject message,
            List<StatusUpdate> statuses) {
        Optional<StatusUpdate> update = ZipwhipStatuses.statusUpdate(message);
        DeliveryStatus now = update.map(StatusUpdate::status).orElse(known); // an unknown state changes nothing
        if (update.isPresent() && known.canMoveTo(now)) {
            Optional<DeliveryStatus> pushed = inbound.delivered(Long.toString(id));
            if (pushed.isEmpty() || pushed.get().canMoveTo(now)) {
                statuses.add(update.get());
            }
        }
        if (now == DeliveryStatus.DELIVERED || now == DeliveryStatus.FAILED) {
            cursor.pending.remove(id);
        } else {
            cursor.pending.put(id, now);
        }
    }

}
