package org.atstexting.texting.textus.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;

import com.google.gson.JsonObject;

/**
 * Sends one text: {@code POST /:account/messages} with {@code to} (one recipient) and
 * {@code body}, answered 201 with the Message. TextUs offers no idempotency key, so when the
 * answer is lost (no answer in time, a 5xx from a gateway, a body that is not JSON) the text
 * is looked up in the recipient's conversation before anything is said: found, it is the
 * receipt; not found, the send is reported failed and the caller may decide to send again.
 * A refusal because the recipient opted out is also reported as an opt-out.
 */
final class TextusSender {

    private static final Logger LOG = Logger.getLogger(TextusSender.class.getName());
    /** How far before the send a stored message may be dated and still be this send (clock skew). */
    private static final long SKEW_SECONDS = 120;
    /** Pages of one collection the look-up reads at most before it says it cannot tell. */
    static final int MAX_PAGES = 200;

    interface OptOutNews {
        void optedOut(String number, String cause);
    }

    private final TextusApi api;
    private final Clock clock;
    private final OptOutNews optOuts;
    /** How long after an attempt "not in the conversation" is not yet "not sent". */
    private final Duration settle;

    TextusSender(TextusApi api, Clock clock, OptOutNews optOuts, Duration settle) {
        this.api = api;
        this.settle = settle;
        this.clock = clock;
        this.optOuts = optOuts;
    }

    ProviderReceipt send(ProviderCredentials credentials, String account, OutboundText text) throws ProviderException {
        String what = "the text to " + text.to();
        JsonObject body = new JsonObject();
        body.addProperty("to", text.to());
        body.addProperty("body", text.body());
        Instant started = clock.instant();
        TextusApi.Reply reply;
        try {
            reply = api.post(credentials, "/" + TextusPoll.enc(account) + "/messages", body, what);
        } catch (ProviderException e) {
            if (e.kind() == Kind.UNREACHABLE || e.getCause() instanceof TextusApi.Malformed) {
                // TextUs may still store a text whose request timed out or broke: not finding it then is no proof
                boolean finished = e.getCause() instanceof TextusApi.Malformed
                        || e.getCause() instanceof java.net.ConnectException;
                return lookUp(credentials, account, text, started, e.getMessage(), finished);
            }
            throw e; // refused before it was made (rate limit): certainly not sent
        }
        if (reply.status() >= 500) {
            return lookUp(credentials, account, text, started, "TextUs answered HTTP " + reply.status(), true);
        }
        if (!reply.ok()) {
            if ("opted_out".equals(reply.errorCode())) {
                optOuts.optedOut(text.to(), "TextUs refused a send: " + reply.errorText());
                throw ProviderException.optedOut("TextUs refused " + what + ": " + reply.errorText(), "opted_out");
            }
            throw TextusFailures.of(reply, credentials, what);
        }
        return receipt(reply.json(), text, started);
    }

    private static ProviderReceipt receipt(JsonObject message, OutboundText text, Instant started)
            throws ProviderException {
        String id = TextusMessages.shortId(TextusJson.string(message, "id"));
        if (id == null) {
            throw new ProviderException(Kind.ERROR, "TextUs accepted the text to " + text.to()
                    + " but its answer carried no message id");
        }
        String state = TextusJson.string(message, "deliveryState");
        DeliveryStatus status = TextusStatus.of(state);
        if (status == DeliveryStatus.FAILED) {
            throw new ProviderException(Kind.REJECTED, "TextUs failed the text to " + text.to() + " at once: "
                    + TextusStatus.reason(TextusJson.string(message, "errorCode"), state));
        }
        Instant at = TextusJson.instant(message, "latestEventAt").orElse(started);
        return new ProviderReceipt(id, status == DeliveryStatus.RECEIVED ? DeliveryStatus.QUEUED : status, at,
                TextusJson.ref(message, "conversation"));
    }

    /**
     * The answer was lost: is the text in the recipient's conversation? Found, it is the receipt.
     * Not found after TextUs had answered ({@code finished}: a 5xx, an unreadable body, no
     * connection at all), it was not taken. Not found after a time-out or broken connection, or
     * the look-up failing: {@link Kind#OUTCOME_UNKNOWN}, it may have gone out.
     */
    private ProviderReceipt lookUp(ProviderCredentials credentials, String account, OutboundText text, Instant started,
            String why, boolean finished) throws ProviderException {
        LOG.info(() -> "The answer to a TextUs send was lost (" + why + "); looking it up before anything else");
        Optional<JsonObject> found;
        try {
            found = lostSend(credentials, account, text, started);
        } catch (ProviderException e) {
            throw new ProviderException(Kind.OUTCOME_UNKNOWN, "The answer to the text to " + text.to() + " was lost ("
                    + why + ") and it could not be looked up (" + e.getMessage() + "); it may have been sent: "
                    + "look in TextUs before sending it again", e);
        }
        if (found.isPresent()) {
            return receipt(found.get(), text, started);
        }
        if (!finished) {
            throw new ProviderException(Kind.OUTCOME_UNKNOWN, "TextUs did not answer the text to " + text.to() + " ("
                    + why + ") and it is not in the conversation yet; it may still arrive: look in TextUs before "
                    + "sending it again");
        }
        throw new ProviderException(Kind.ERROR, "TextUs did not answer the text to " + text.to() + " (" + why
                + ") and it is not in the conversation: it was not sent");
    }

    /**
     * The declared look-up ({@link org.atstexting.texting.spi.SentTextLookup}): the text in the
     * recipient's conversation, an outgoing message with that body, its latest event from
     * {@code notBefore} on (a message without a readable date counts). "Not found" must mean
     * "not sent": every page of the conversations and their messages is read ({@code view.next}
     * to its end, at most {@value #MAX_PAGES} pages each, beyond that "cannot tell"), and within
     * the settle time after the attempt (a request that timed out may still be stored) "not found"
     * is "cannot tell yet". Both are {@link ProviderException}s: the core asks again later.
     */
    Optional<ProviderReceipt> findSent(ProviderCredentials credentials, String account, OutboundText text,
            Instant notBefore) throws ProviderException {
        Instant asked = clock.instant();
        Optional<JsonObject> found = search(credentials, account, text, notBefore);
        if (found.isPresent()) {
            // found is sent, even if it failed since: its status comes with the polls
            JsonObject m = found.get();
            DeliveryStatus status = TextusStatus.of(TextusJson.string(m, "deliveryState"));
            return Optional.of(new ProviderReceipt(TextusMessages.shortId(TextusJson.string(m, "id")),
                    status == DeliveryStatus.RECEIVED ? DeliveryStatus.QUEUED : status,
                    TextusJson.instant(m, "latestEventAt").orElse(notBefore), TextusJson.ref(m, "conversation")));
        }
        if (asked.isBefore(notBefore.plus(settle))) {
            throw new ProviderException(Kind.ERROR, "The text to " + text.to() + " is not in its TextUs conversation "
                    + "yet, but its attempt was less than " + settle.toSeconds() + " s ago and TextUs may still "
                    + "store it: ask again later");
        }
        return Optional.empty();
    }

    private Optional<JsonObject> lostSend(ProviderCredentials credentials, String account, OutboundText text,
            Instant started) throws ProviderException {
        return search(credentials, account, text, started.minusSeconds(SKEW_SECONDS));
    }

    private Optional<JsonObject> search(ProviderCredentials credentials, String account, OutboundText text,
            Instant since) throws ProviderException {
        String conversations = "/" + TextusPoll.enc(account) + "/conversations?q=" + TextusPoll.enc(text.to());
        for (JsonObject conversation : all(credentials, conversations)) {
            if (!text.to().equals(TextusJson.string(conversation, "phoneNumber"))) {
                continue;
            }
            String path = Optional.ofNullable(TextusJson.ref(conversation, "messages"))
                    .orElse(TextusJson.string(conversation, "id") + "/messages");
            for (JsonObject m : all(credentials, path)) {
                Optional<Instant> at = TextusJson.instant(m, "latestEventAt");
                if (TextusMessages.outgoing(m) && text.body().equals(TextusJson.string(m, "body"))
                        && at.map(t -> !t.isBefore(since)).orElse(true)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }

    /** Every member of a collection, following {@code view.next} to its end. */
    private List<JsonObject> all(ProviderCredentials credentials, String first) throws ProviderException {
        List<JsonObject> members = new ArrayList<>();
        String next = first;
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new ProviderException(Kind.ERROR, "TextUs lists more than " + MAX_PAGES + " pages under " + first
                        + ", so whether the text went out cannot be told: look in TextUs");
            }
            TextusApi.Reply reply = api.get(credentials, next, "the look-up of a send");
            if (!reply.ok()) {
                throw TextusFailures.of(reply, credentials, "the look-up of a send");
            }
            members.addAll(TextusPoll.members(reply.json()));
            next = TextusJson.string(TextusJson.object(reply.json(), "view"), "next");
        }
        return members;
    }
}
