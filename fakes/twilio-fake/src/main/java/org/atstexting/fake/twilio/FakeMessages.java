package org.atstexting.fake.twilio;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * The fake's messages, oldest first, and how Twilio writes one: snake_case, RFC 2822 dates,
 * {@code num_segments} and {@code num_media} as strings, {@code error_code} a number or null.
 */
final class FakeMessages {

    /** RFC 2822, as Twilio writes {@code date_created}: {@code Wed, 18 Aug 2010 20:01:40 +0000}. */
    static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** Sids need only be unique, not secret: a fast generator lets bursts of thousands arrive quickly. */
    private final SplittableRandom random = new SplittableRandom();
    private final List<FakeMessage> messages = new ArrayList<>();
    /** When the newest message is dated. */
    private Instant latest;

    synchronized FakeMessage add(FakeMessage draft, Instant created) {
        String prefix = draft.mediaUrls().isEmpty() ? "SM" : "MM";
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        FakeMessage message = new FakeMessage(prefix + HexFormat.of().formatHex(bytes), draft.accountSid(),
                draft.direction(), draft.from(), draft.to(), draft.body(), draft.status(), null, created,
                draft.messagingServiceSid(), draft.mediaUrls(), draft.statusCallback());
        messages.add(message);
        latest = created;
        return message;
    }

    /** The fake's present, to the second: never before the newest message (a burst may be dated ahead). */
    synchronized Instant now() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return latest != null && latest.isAfter(now) ? latest : now;
    }

    synchronized Optional<FakeMessage> find(String sid) {
        return messages.stream().filter(m -> m.sid().equals(sid)).findFirst();
    }

    synchronized FakeMessage setStatus(String sid, String status, Integer errorCode) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).sid().equals(sid)) {
                FakeMessage moved = messages.get(i).withStatus(status, errorCode);
                messages.set(i, moved);
                return moved;
            }
        }
        throw new IllegalArgumentException("no message " + sid);
    }

    synchronized List<FakeMessage> all() {
        return List.copyOf(messages);
    }

    /** Forgets the messages; the newest date stays, so later messages are not dated before ones a client saw. */
    synchronized void clear() {
        messages.clear();
    }

    /** When a message was sent (received, for inbound); {@code null} while an outbound one is not sent yet. */
    static Instant dateSent(FakeMessage m) {
        return "outbound-api".equals(m.direction()) && List.of("queued", "accepted", "scheduled", "sending")
                .contains(m.status()) ? null : m.created();
    }

    /** GSM-7 texts take 160 characters in one part and 153 per part beyond; others 70 and 67. */
    static int segments(String body) {
        if (body == null || body.isEmpty()) {
            return 1;
        }
        boolean gsm = body.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c == '\n' || c == '\r');
        int single = gsm ? 160 : 70;
        int part = gsm ? 153 : 67;
        int length = body.length();
        return length <= single ? 1 : (length + part - 1) / part;
    }

    /** The message resource as Twilio writes it. */
    static JsonObject json(FakeMessage m) {
        JsonObject json = new JsonObject();
        json.addProperty("sid", m.sid());
        json.addProperty("account_sid", m.accountSid());
        json.addProperty("api_version", "2010-04-01");
        json.addProperty("direction", m.direction());
        json.addProperty("from", m.from());
        json.addProperty("to", m.to());
        json.addProperty("body", m.body());
        json.addProperty("status", m.status());
        json.addProperty("messaging_service_sid", m.messagingServiceSid());
        // through a Messaging Service Twilio counts segments only once it picked the sender: "0" at first
        json.addProperty("num_segments", "accepted".equals(m.status()) ? "0" : Integer.toString(segments(m.body())));
        json.addProperty("num_media", Integer.toString(m.mediaUrls().size()));
        if (m.errorCode() == null) {
            json.add("error_code", JsonNull.INSTANCE);
            json.add("error_message", JsonNull.INSTANCE);
        } else {
            json.addProperty("error_code", m.errorCode());
            json.addProperty("error_message", "Fake error " + m.errorCode());
        }
        String date = RFC_2822.format(m.created());
        json.addProperty("date_created", date);
        json.addProperty("date_updated", date);
        Instant sent = dateSent(m);
        json.addProperty("date_sent", sent == null ? null : RFC_2822.format(sent));
        json.add("price", JsonNull.INSTANCE);
        json.addProperty("uri", "/2010-04-01/Accounts/" + m.accountSid() + "/Messages/" + m.sid() + ".json");
        return json;
    }
}
