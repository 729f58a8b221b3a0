package org.atstexting.texting.twilio.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;

import com.google.gson.JsonObject;

/**
 * The account's sent history, for the poll batch: the core archives sends it did not see
 * finish (a crash between Twilio's answer and the archive) and a bulk job tells from it
 * whether a text under way at a crash went out, so nothing is sent twice; status changes
 * found on the way are the safety net for lost callbacks.
 *
 * <p>Read newest first from the message list, following {@code next_page_uri}, at most
 * {@code pages} pages, down to the start of yesterday in GMT (Twilio's days are GMT days:
 * "today, and yesterday around midnight"). Not filtered with {@code DateSent}: that filter
 * matches only texts already sent, and a text still queued (a Messaging Service can hold
 * texts for a long while) is exactly the one a crash recovery must find. Filtered by
 * {@code From=<number>}, or, for credentials that send through a Messaging Service (Twilio
 * picks the number from its pool), the whole list kept to that service's texts, each
 * reported as sent from the credentials' number (the number the core knows the account by).
 * De-duplicated by sid: a text is handed over once, and again only when its status moved on.
 */
final class SentHistory {

    private static final int REMEMBERED = 20_000;

    private final TwilioApi api;
    private final SenderChoice senders;
    private final int pageSize;
    private final int pages;
    private final Clock clock;
    /** sid to the status rank last handed over; oldest forgotten first. */
    private final Map<String, Integer> reported = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** What one read found: texts new to the core's view and status changes, oldest first. */
    record Found(List<SentText> sent, List<StatusUpdate> statuses) {
    }

    SentHistory(TwilioApi api, SenderChoice senders, int pageSize, int pages, Clock clock) {
        this.api = api;
        this.senders = senders;
        this.pageSize = pageSize;
        this.pages = Math.max(0, pages);
        this.clock = clock;
    }

    Found read(ProviderCredentials credentials) throws ProviderException {
        Optional<String> service = senders.serviceFor(credentials);
        String uri = TwilioClient.account(credentials) + "/Messages.json?PageSize=" + pageSize
                + (service.isPresent() ? "" : "&From=" + URLEncoder.encode(credentials.phoneNumber(), StandardCharsets.UTF_8));
        Instant since = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<JsonObject> newestFirst = new ArrayList<>();
        for (int page = 0; page < pages && uri != null; page++) {
            TwilioApi.Reply reply = api.get(credentials, uri);
            if (!reply.ok()) {
                throw TwilioClient.failure(reply, credentials, "the sent history");
            }
            boolean older = false;
            for (JsonObject m : TwilioMessages.messages(reply.json())) {
                if (TwilioMessages.created(m).orElseThrow().isBefore(since)) {
                    older = true;
                    break;
                }
                if (TwilioMessages.outbound(m) && (service.isEmpty()
                        || service.get().equals(TwilioMessages.string(m, "messaging_service_sid")))) {
                    newestFirst.add(m);
                }
            }
            uri = older ? null : TwilioMessages.string(reply.json(), "next_page_uri");
        }
        Collections.reverse(newestFirst);
        return found(newestFirst, credentials, service.isPresent());
    }

    private Found found(List<JsonObject> oldestFirst, ProviderCredentials credentials, boolean viaService) {
        List<SentText> sent = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        for (JsonObject m : oldestFirst) {
            String sid = TwilioMessages.string(m, "sid");
            String to = TwilioMessages.string(m, "to");
            String from = viaService ? credentials.phoneNumber() : TwilioMessages.string(m, "from");
            if (to == null || from == null || !TwilioMessages.E164.matcher(to).matches()) {
                continue; // another channel (WhatsApp, ...): not a text the core sends
            }
            String word = TwilioMessages.string(m, "status");
            int rank = TwilioStatus.rank(word);
            Integer before = reported.get(sid);
            if (before != null && before >= rank) {
                continue;
            }
            Instant created = TwilioMessages.created(m).orElseThrow();
            DeliveryStatus status = TwilioStatus.of(word);
            if (before == null) {
                String body = Optional.ofNullable(TwilioMessages.string(m, "body")).orElse("");
                sent.add(new SentText(sid, from, to, body, created, status));
            }
            if (status != DeliveryStatus.QUEUED) {
                statuses.add(update(m, sid, status));
            }
            reported.put(sid, rank);
        }
        return new Found(sent, statuses);
    }

    private StatusUpdate update(JsonObject m, String sid, DeliveryStatus status) {
        Instant at = TwilioMessages.date(TwilioMessages.string(m, "date_updated")).orElseGet(clock::instant);
        if (status != DeliveryStatus.FAILED) {
            return new StatusUpdate(sid, status, null, at);
        }
        int code = TwilioErrors.code(TwilioMessages.string(m, "error_code"));
        var failure = TwilioErrors.failure(code, TwilioMessages.string(m, "error_message"), false);
        return new StatusUpdate(sid, status, failure.describe(), at, failure);
    }
}
