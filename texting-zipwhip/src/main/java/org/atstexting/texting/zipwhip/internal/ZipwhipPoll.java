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
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The poll walk: reads an account's {@code message/list} pages and turns what is new into
 * inbound texts, status updates and sent history, tracked by a {@link PollCursor}.
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

    /**
     * Reads {@code message/list} pages (newest first) until it reaches the cursor's highest
     * id and its oldest pending sent message. New inbound texts become the batch's texts
     * (except those the webhook already handed to the core); sent messages whose
     * {@code transmissionState} moved on become status updates, each reported once. The
     * first read of an account, or a gap wider than the page budget, imports only the
     * newest pages; older texts are then left out, and logged.
     */
    InboundBatch fetchInbound(ProviderCredentials credentials, String cursorText) throws ProviderException {
        PollCursor cursor = PollCursor.parse(cursorText);
        long lowestNeeded = cursor.lowestNeeded();
        String account = credentials.phoneNumber();
        List<JsonObject> fresh = new ArrayList<>();
        Map<Long, JsonObject> pendingSeen = new LinkedHashMap<>();
        boolean reachedNeeded = false;
        boolean reachedEnd = false;
        for (int page = 0; page < maxPages && !reachedNeeded && !reachedEnd; page++) {
            JsonArray page_ = list.page(credentials, page);
            for (JsonElement element : page_) {
                JsonObject message = element.getAsJsonObject();
                long id = ZipwhipMessages.id(message);
                if (id > cursor.highest) {
                    fresh.add(message);
                }
                if (cursor.pending.containsKey(id)) {
                    pendingSeen.put(id, message);
                }
                if (id <= lowestNeeded) {
                    reachedNeeded = true;
                }
            }
            reachedEnd = page_.size() < list.pageSize();
        }
        if (!reachedNeeded && !reachedEnd && cursor.highest > 0) {
            LOG.warning(() -> "More than " + maxPages * list.pageSize() + " new Zipwhip messages for "
                    + credentials.username() + " since the last poll; older ones were not read. Raise 'Inbound pages "
                    + "per poll'.");
        }
        fresh.sort(Comparator.comparingLong(ZipwhipMessages::id));
        List<InboundText> texts = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        List<SentText> sent = new ArrayList<>();
        long highest = cursor.highest;
        for (JsonObject message : fresh) {
            long id = ZipwhipMessages.id(message);
            highest = Math.max(highest, id);
            if (messages.outbound(message, account)) {
                messages.sent(message, account).ifPresent(sent::add);
                follow(cursor, id, DeliveryStatus.QUEUED, message, statuses);
            } else {
                messages.inbound(message, account)
                        .filter(t -> inbound.delivered(t.providerMessageId()).isEmpty())
                        .ifPresent(texts::add);
            }
        }
        for (Map.Entry<Long, JsonObject> seen : pendingSeen.entrySet()) {
            follow(cursor, seen.getKey(), cursor.pending.get(seen.getKey()), seen.getValue(), statuses);
        }
        if (reachedNeeded || reachedEnd) {
            // pending messages the scan went past without seeing are gone (deleted): stop following them
            cursor.pending.keySet().removeIf(id -> id <= cursor.highest && !pendingSeen.containsKey(id));
        }
        cursor.highest = highest;
        statuses.sort(Comparator.comparing(StatusUpdate::at));
        return new InboundBatch(texts, statuses, sent, cursor.toString());
    }

    /** Reports a sent message's status if it moved on from {@code known}, and follows it while it is not final. */
    private void follow(PollCursor cursor, long id, DeliveryStatus known, JsonObject message,
            List<StatusUpdate> statuses) {
        Optional<StatusUpdate> update = ZipwhipMessages.statusUpdate(message);
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
