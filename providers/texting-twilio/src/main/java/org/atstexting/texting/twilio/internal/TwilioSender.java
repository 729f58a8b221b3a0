package org.atstexting.texting.twilio.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.MediaItem;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;

/**
 * Creates one message: {@code POST Accounts/{AccountSid}/Messages.json} with {@code To},
 * {@code Body}, {@code MediaUrl} (repeated, at most 10), {@code MessagingServiceSid} or
 * {@code From} ({@link SenderChoice}) and, with webhooks on, a {@code StatusCallback} to
 * {@code <callbackBaseUrl>/twilio/status?o=<our id>}: the id (new for each send) ties a
 * callback to this send before its SID is known, and is covered by the signature.
 *
 * <p>Never repeated: Twilio has no idempotency key, so a send whose answer was lost (5xx, no
 * answer) is {@link Kind#OUTCOME_UNKNOWN} and the core looks it up (the poll's sent history)
 * instead of sending it again. Only a 429 or a connection never made is repeated, by the HTTP
 * client's retry strategy; after its last attempt a 429 is {@link Kind#THROTTLED}.
 */
final class TwilioSender {

    private static final Logger LOG = Logger.getLogger(TwilioSender.class.getName());
    static final String STATUS_PATH = "/twilio/status";

    private final TwilioApi api;
    private final SenderChoice senders;
    /** {@code <callbackBaseUrl>/twilio/status}, or {@code null} with webhooks off. */
    private final String statusCallback;
    private final Clock clock;

    TwilioSender(TwilioApi api, SenderChoice senders, String callbackBaseUrl, Clock clock) {
        this.api = api;
        this.senders = senders;
        this.statusCallback = callbackBaseUrl == null ? null : callbackBaseUrl + STATUS_PATH;
        this.clock = clock;
    }

    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("To", text.to()));
        Optional<String> service = senders.serviceFor(credentials);
        form.add(service.map(sid -> Map.entry("MessagingServiceSid", sid))
                .orElseGet(() -> Map.entry("From", credentials.phoneNumber())));
        if (!text.body().isEmpty()) {
            form.add(Map.entry("Body", text.body()));
        }
        for (MediaItem item : text.media()) {
            form.add(Map.entry("MediaUrl", item.url()));
        }
        String ours = UUID.randomUUID().toString();
        if (statusCallback != null) {
            form.add(Map.entry("StatusCallback", statusCallback + "?o=" + ours));
        }
        TwilioApi.Reply reply = api.post(credentials, TwilioClient.account(credentials) + "/Messages.json", form);
        if (!reply.ok()) {
            throw refused(reply, credentials, text.to());
        }
        String sid = TwilioMessages.string(reply.json(), "sid");
        if (sid == null) {
            throw new ProviderException(Kind.OUTCOME_UNKNOWN,
                    "Twilio accepted the text to " + text.to() + " but its answer carried no message sid");
        }
        // the first status comes only here: Twilio sends no callback for it
        String word = TwilioMessages.string(reply.json(), "status");
        DeliveryStatus status = TwilioStatus.of(word);
        if (status == DeliveryStatus.FAILED) {
            int code = TwilioErrors.code(TwilioMessages.string(reply.json(), "error_code"));
            String detail = TwilioMessages.string(reply.json(), "error_message");
            DeliveryFailure failure = TwilioErrors.failure(code, detail, true);
            throw new ProviderException(Kind.REJECTED, "Twilio failed the text to " + text.to() + " at once: "
                    + failure.describe(), null, null, failure);
        }
        LOG.fine(() -> "Twilio took the text to " + text.to() + " as " + sid + " (" + word + ", callback o=" + ours + ")");
        Instant accepted = TwilioMessages.date(TwilioMessages.string(reply.json(), "date_created"))
                .orElseGet(clock::instant);
        return new ProviderReceipt(sid, status, accepted);
    }

    /** A create Twilio answered with an error, as the SPI's kinds, with the plain reason and code. */
    private static ProviderException refused(TwilioApi.Reply reply, ProviderCredentials credentials, String to) {
        int code = reply.errorCode();
        if (code == TwilioErrors.OPTED_OUT) {
            return ProviderException.optedOut("Twilio refused the text to " + to + ": the recipient replied STOP to "
                    + "this sender (" + reply.errorText() + ")", Integer.toString(code));
        }
        if (reply.status() == 429) {
            Instant after = reply.retryAfterSeconds() >= 0 ? Instant.now().plusSeconds(reply.retryAfterSeconds()) : null;
            return ProviderException.throttled("Twilio is limiting requests (HTTP 429: " + reply.errorText()
                    + "); the text to " + to + " was not sent, try again later", after);
        }
        if (reply.status() >= 500) {
            // Twilio may have created the message before failing: never resend blindly
            return new ProviderException(Kind.OUTCOME_UNKNOWN, "Twilio answered the text to " + to + " with HTTP "
                    + reply.status() + " (" + reply.errorText() + "); it may have gone out, so it is not sent again");
        }
        if (reply.status() == 400) {
            DeliveryFailure failure = TwilioErrors.failure(code, reply.errorText(), true);
            return new ProviderException(Kind.REJECTED, "Twilio refused the text to " + to + ": " + failure.describe()
                    + " — " + reply.errorText(), null, null, failure);
        }
        return TwilioClient.failure(reply, credentials, "the text to " + to);
    }
}
