package org.atstexting.texting.twilio.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;

import com.google.gson.JsonObject;

/**
 * Twilio's Programmable Messaging API (REST, version 2010-04-01) for one configuration:
 * <ul>
 * <li>send: {@link TwilioSender};</li>
 * <li>test: {@code GET Accounts/{AccountSid}.json}; 401 means the SID or token is wrong;</li>
 * <li>inbound: {@code GET Accounts/{AccountSid}/Messages.json?To={number}&PageSize=n&DateSent>=day},
 * newest first, following {@code next_page_uri} ({@link InboundWalk}); with the last batch of a
 * walk, the account's {@link SentHistory} (sent texts and their status changes).</li>
 * </ul>
 */
final class TwilioClient implements Closeable {

    private static final Logger LOG = Logger.getLogger(TwilioClient.class.getName());

    private final TwilioApi api;
    private final TwilioSender sender;
    private final SentHistory history;
    private final TwilioSentLookup lookup;
    private final int pageSize;
    private final int maxPages;
    private final Clock clock;

    TwilioClient(TwilioConfiguration config, String callbackBaseUrl) {
        this(config, callbackBaseUrl, Clock.systemUTC());
    }

    /**
     * @param callbackBaseUrl the checked public base URL without a trailing slash, or {@code null}: no webhooks
     */
    TwilioClient(TwilioConfiguration config, String callbackBaseUrl, Clock clock) {
        this.api = new TwilioApi(URI.create(withSlash(config.apiBaseUrl())), config.connectTimeoutSeconds(),
                config.responseTimeoutSeconds(), config.maxAttempts(), config.retryBaseMillis());
        this.pageSize = Math.max(1, Math.min(1000, config.pageSize())); // Twilio's PageSize maximum is 1000
        this.maxPages = Math.max(1, config.maxPagesPerPoll());
        this.clock = clock;
        SenderChoice senders = new SenderChoice(config.messagingServices());
        this.sender = new TwilioSender(api, senders, callbackBaseUrl, clock);
        this.history = new SentHistory(api, senders, pageSize, config.sentHistoryPages(), clock);
        this.lookup = new TwilioSentLookup(api, senders, pageSize,
                java.time.Duration.ofSeconds(Math.max(0, config.sentLookupSettleSeconds())), clock);
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    static String account(ProviderCredentials credentials) {
        return "2010-04-01/Accounts/" + URLEncoder.encode(credentials.username(), StandardCharsets.UTF_8);
    }

    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        return sender.send(credentials, text);
    }

    /** The text the account sent to that recipient with that body at or after {@code notBefore}, see {@link TwilioSentLookup}. */
    java.util.Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text,
            java.time.Instant notBefore) throws ProviderException {
        return lookup.findSent(credentials, text, notBefore);
    }

    /** One message by its sid ({@code GET Messages/{sid}.json}), or empty when Twilio has none. */
    java.util.Optional<JsonObject> message(ProviderCredentials credentials, String sid) throws ProviderException {
        TwilioApi.Reply reply = api.get(credentials, account(credentials) + "/Messages/"
                + URLEncoder.encode(sid, StandardCharsets.UTF_8) + ".json");
        if (reply.status() == 404) {
            return java.util.Optional.empty();
        }
        if (!reply.ok()) {
            throw failure(reply, credentials, "message " + sid);
        }
        return java.util.Optional.of(reply.json());
    }

    /** Maps an error answer onto the SPI's kinds, with Twilio's own message (never the token). */
    static ProviderException failure(TwilioApi.Reply reply, ProviderCredentials credentials, String what) {
        return switch (reply.status()) {
            case 401, 403 -> new ProviderException(Kind.BAD_CREDENTIALS, "Twilio refused the Account SID "
                    + credentials.username() + " or its Auth Token: " + reply.errorText());
            // 400: the request was understood and refused (invalid To 21211, From 21212/21606, opted out 21610, ...)
            case 400 -> new ProviderException(Kind.REJECTED, "Twilio refused " + what + ": " + reply.errorText());
            case 404 -> new ProviderException(Kind.ERROR, "Twilio has no such resource (HTTP 404: " + reply.errorText()
                    + "); check the API base URL");
            case 429 -> ProviderException.throttled("Twilio is limiting the rate of requests (HTTP 429); "
                    + what + " was not read, try again later", null);
            default -> new ProviderException(Kind.ERROR, "Twilio answered " + what + " with HTTP " + reply.status()
                    + ": " + reply.errorText());
        };
    }

    CredentialCheck test(ProviderCredentials credentials) {
        try {
            TwilioApi.Reply reply = api.get(credentials, account(credentials) + ".json");
            if (reply.status() == 401 || reply.status() == 403) {
                return new CredentialCheck(Outcome.BAD_CREDENTIALS, "Twilio refused the Account SID "
                        + credentials.username() + " or its Auth Token");
            }
            if (!reply.ok()) {
                return new CredentialCheck(Outcome.PROVIDER_ERROR, "Twilio answered the login with HTTP "
                        + reply.status() + ": " + reply.errorText());
            }
            String status = TwilioMessages.string(reply.json(), "status");
            if (status != null && !"active".equals(status)) {
                return new CredentialCheck(Outcome.PROVIDER_ERROR, "Twilio account " + credentials.username()
                        + " is " + status + ", not active");
            }
            // the fact sheet names no call that lists an account's numbers, so Test cannot tell
            // whether the number entered is one of them: it says so rather than implying it checked
            return new CredentialCheck(Outcome.OK, "Twilio accepted the credentials of account "
                    + credentials.username() + "; whether " + credentials.phoneNumber()
                    + " is one of its numbers could not be checked");
        } catch (ProviderException e) {
            return new CredentialCheck(e.kind() == Kind.UNREACHABLE ? Outcome.UNREACHABLE : Outcome.PROVIDER_ERROR,
                    e.getMessage());
        }
    }

    /**
     * Reads the texts sent to the account's number since the cursor, oldest first, never
     * skipping one: see {@link InboundWalk}. A poll reads at most the page budget and then says
     * {@code more}, with a cursor from which the next poll goes on.
     */
    InboundBatch fetchInbound(ProviderCredentials credentials, String cursorText) throws ProviderException {
        String list = account(credentials) + "/Messages.json?To="
                + URLEncoder.encode(credentials.phoneNumber(), StandardCharsets.UTF_8) + "&PageSize=" + pageSize;
        InboundBatch batch = new InboundWalk(uri -> page(credentials, uri), list, maxPages, clock).next(cursorText);
        if (batch.more()) {
            LOG.fine(() -> "Twilio account " + credentials.username() + " has more to read than "
                    + maxPages + " pages of " + pageSize + "; the core reads on at once");
            return batch;
        }
        // the last batch of a walk carries the sent history (a bulk recovery polls until it gets it)
        SentHistory.Found found = history.read(credentials);
        return new InboundBatch(batch.texts(), found.statuses(), found.sent(), batch.cursor(), false);
    }

    /** One page of Twilio's message list, checked. */
    private InboundWalk.Page page(ProviderCredentials credentials, String uri) throws ProviderException {
        TwilioApi.Reply reply = api.get(credentials, uri);
        if (!reply.ok()) {
            throw failure(reply, credentials, "the message list");
        }
        List<InboundWalk.Listed> listed = new ArrayList<>();
        for (JsonObject message : TwilioMessages.messages(reply.json())) {
            listed.add(new InboundWalk.Listed(TwilioMessages.string(message, "sid"),
                    TwilioMessages.created(message).orElseThrow(),
                    TwilioMessages.toInbound(message, credentials.phoneNumber()).orElse(null)));
        }
        return new InboundWalk.Page(listed, TwilioMessages.string(reply.json(), "next_page_uri"));
    }

    @Override
    public void close() throws IOException {
        api.close();
    }
}
