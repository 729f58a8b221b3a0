package org.atstexting.texting.twilio.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;

import com.google.gson.JsonObject;

/**
 * Finds a text the account sent, for the core's question "did this text go out?" after a lost
 * answer ({@link org.atstexting.texting.spi.SentTextLookup}). "Not found" must mean "not sent",
 * so the search leaves nothing out that could be the text:
 * <ul>
 * <li>The list is filtered by {@code To} and, for credentials that send from their number, by
 * {@code From}; never by {@code DateSent}, which hides texts not sent yet (a Messaging Service
 * may hold a text queued for a long while), exactly the ones a lost answer leaves behind.
 * Credentials sending through a Messaging Service keep that service's texts.</li>
 * <li>Every page is read, following {@code next_page_uri} to its end: the list's order is not
 * confirmed, so no date on the way may end the search. At most {@value #MAX_TEXTS} texts; a
 * longer conversation is "cannot tell" (a {@link ProviderException}), never "not found".</li>
 * <li>The body must be equal, character for character (Java strings, decoded from UTF-8), and
 * the text created at or after {@code notBefore} (Twilio dates are whole seconds).</li>
 * <li>Twilio does not promise that a message shows in the list as soon as it is created, and a
 * request that timed out may still be processed. Within the configured settle time after the
 * attempt, "not found" is therefore "cannot tell yet" (a {@link ProviderException}: the core
 * asks again later and sends nothing meanwhile).</li>
 * </ul>
 */
final class TwilioSentLookup {

    /** Texts to one recipient read at most before the look-up gives up (pages of the configured size). */
    static final int MAX_TEXTS = 100_000;

    private final TwilioApi api;
    private final SenderChoice senders;
    private final int pageSize;
    private final Duration settle;
    private final Clock clock;

    TwilioSentLookup(TwilioApi api, SenderChoice senders, int pageSize, Duration settle, Clock clock) {
        this.api = api;
        this.senders = senders;
        this.pageSize = pageSize;
        this.settle = settle;
        this.clock = clock;
    }

    Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text, Instant notBefore)
            throws ProviderException {
        Instant asked = clock.instant();
        Optional<String> service = senders.serviceFor(credentials);
        String uri = TwilioClient.account(credentials) + "/Messages.json?To=" + enc(text.to())
                + (service.isPresent() ? "" : "&From=" + enc(credentials.phoneNumber())) + "&PageSize=" + pageSize;
        Instant since = notBefore.truncatedTo(ChronoUnit.SECONDS);
        int maxPages = (MAX_TEXTS + pageSize - 1) / pageSize;
        for (int page = 0; uri != null; page++) {
            if (page == maxPages) {
                throw new ProviderException(Kind.ERROR, "Twilio lists more than " + MAX_TEXTS + " texts to "
                        + text.to() + ", so whether this one went out cannot be told: look in Twilio's console");
            }
            TwilioApi.Reply reply = api.get(credentials, uri);
            if (!reply.ok()) {
                throw TwilioClient.failure(reply, credentials, "the look-up of the text to " + text.to());
            }
            for (JsonObject m : TwilioMessages.messages(reply.json())) {
                if (matches(m, text, since, service)) {
                    return Optional.of(receipt(m));
                }
            }
            uri = TwilioMessages.string(reply.json(), "next_page_uri");
        }
        if (asked.isBefore(notBefore.plus(settle))) {
            throw new ProviderException(Kind.ERROR, "The text to " + text.to() + " is not in Twilio's message list "
                    + "yet, but its attempt was less than " + settle.toSeconds() + " s ago and Twilio may still show "
                    + "it: ask again later");
        }
        return Optional.empty();
    }

    private static boolean matches(JsonObject m, OutboundText text, Instant since, Optional<String> service) {
        return TwilioMessages.outbound(m) && text.to().equals(TwilioMessages.string(m, "to"))
                && text.body().equals(Optional.ofNullable(TwilioMessages.string(m, "body")).orElse(""))
                && !TwilioMessages.created(m).orElseThrow().isBefore(since)
                && (service.isEmpty() || service.get().equals(TwilioMessages.string(m, "messaging_service_sid")));
    }

    private static ProviderReceipt receipt(JsonObject m) {
        DeliveryStatus status = TwilioStatus.of(TwilioMessages.string(m, "status"));
        return new ProviderReceipt(TwilioMessages.string(m, "sid"),
                status == DeliveryStatus.RECEIVED ? DeliveryStatus.QUEUED : status,
                TwilioMessages.created(m).orElseThrow());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
