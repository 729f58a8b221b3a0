package org.atstexting.texting.twilio.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Twilio's Programmable Messaging API (REST, version 2010-04-01) for one configuration:
 * <ul>
 * <li>send: {@code POST Accounts/{AccountSid}/Messages.json} with {@code To}, {@code From},
 * {@code Body}; 201 with the Message resource;</li>
 * <li>test: {@code GET Accounts/{AccountSid}.json}; 401 means the SID or token is wrong;</li>
 * <li>inbound: {@code GET Accounts/{AccountSid}/Messages.json?To={number}&PageSize=n&DateSent>=day},
 * newest first, following {@code next_page_uri} ({@link InboundWalk}).</li>
 * </ul>
 */
final class TwilioClient implements Closeable {

    private static final Logger LOG = Logger.getLogger(TwilioClient.class.getName());
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    private final TwilioApi api;
    private final int pageSize;
    private final int maxPages;
    private final Clock clock;

    TwilioClient(TwilioConfiguration config) {
        this(URI.create(withSlash(config.apiBaseUrl())), config.connectTimeoutSeconds(),
                config.responseTimeoutSeconds(), config.pageSize(), config.maxPagesPerPoll(), Clock.systemUTC());
    }

    TwilioClient(URI base, int connectTimeoutSeconds, int responseTimeoutSeconds, int pageSize, int maxPages,
            Clock clock) {
        this.api = new TwilioApi(base, connectTimeoutSeconds, responseTimeoutSeconds);
        this.pageSize = Math.max(1, Math.min(1000, pageSize)); // Twilio's PageSize maximum is 1000
        this.maxPages = Math.max(1, maxPages);
        this.clock = clock;
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static String account(ProviderCredentials credentials) {
        return "2010-04-01/Accounts/" + URLEncoder.encode(credentials.username(), StandardCharsets.UTF_8);
    }

    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        TwilioApi.Reply reply = api.post(credentials, account(credentials) + "/Messages.json",
                Map.of("To", text.to(), "From", credentials.phoneNumber(), "Body", text.body()));
        if (!reply.ok()) {
            throw failure(reply, credentials, "the text to " + text.to());
        }
        String sid = string(reply.json(), "sid");
        if (sid == null) {
            throw new ProviderException(Kind.ERROR, "Twilio accepted the text but its answer carried no message sid");
        }
        DeliveryStatus status = TwilioStatus.of(string(reply.json(), "status"));
        if (status == DeliveryStatus.FAILED) {
            throw new ProviderException(Kind.REJECTED, "Twilio failed the text to " + text.to() + " at once: "
                    + Optional.ofNullable(string(reply.json(), "error_message")).orElse("no reason given"));
        }
        Instant accepted = date(string(reply.json(), "date_created")).orElseGet(Instant::now);
        return new ProviderReceipt(sid, status, accepted);
    }

    /** Maps an error answer onto the SPI's kinds, with Twilio's own message (never the token). */
    private static ProviderException failure(TwilioApi.Reply reply, ProviderCredentials credentials, String what) {
        return switch (reply.status()) {
            case 401, 403 -> new ProviderException(Kind.BAD_CREDENTIALS, "Twilio refused the Account SID "
                    + credentials.username() + " or its Auth Token: " + reply.errorText());
            // 400: the request was understood and refused (invalid To 21211, From 21212/21606, opted out 21610, ...)
            case 400 -> new ProviderException(Kind.REJECTED, "Twilio refused " + what + ": " + reply.errorText());
            case 404 -> new ProviderException(Kind.ERROR, "Twilio has no such resource (HTTP 404: " + reply.errorText()
                    + "); check the API base URL");
            case 429 -> new ProviderException(Kind.ERROR, "Twilio is limiting the rate of requests (HTTP 429); "
                    + what + " was not sent, try again later");
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
            String status = string(reply.json(), "status");
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
        }
        return batch;
    }

    /** One page of Twilio's message list, checked. */
    private InboundWalk.Page page(ProviderCredentials credentials, String uri) throws ProviderException {
        TwilioApi.Reply reply = api.get(credentials, uri);
        if (!reply.ok()) {
            throw failure(reply, credentials, "the message list");
        }
        JsonElement messages = reply.json().get("messages");
        if (messages == null || !messages.isJsonArray()) {
            throw new ProviderException(Kind.ERROR, "Twilio's message list carried no 'messages' array");
        }
        List<InboundWalk.Listed> listed = new ArrayList<>();
        for (JsonElement element : (JsonArray) messages) {
            if (!element.isJsonObject()) {
                throw new ProviderException(Kind.ERROR, "Twilio's message list held something that is not a message");
            }
            JsonObject message = element.getAsJsonObject();
            Optional<Instant> created = date(string(message, "date_created"));
            String sid = string(message, "sid");
            if (sid == null || created.isEmpty()) {
                throw new ProviderException(Kind.ERROR, "Twilio's message list held a message without sid or date_created");
            }
            listed.add(new InboundWalk.Listed(sid, created.get(),
                    toInbound(message, sid, created.get(), credentials.phoneNumber()).orElse(null)));
        }
        return new InboundWalk.Page(listed, string(reply.json(), "next_page_uri"));
    }

    /** Only texts that came in ({@code direction=inbound}) from a phone number; other channels are left out. */
    private static Optional<InboundText> toInbound(JsonObject message, String sid, Instant created, String accountNumber) {
        String from = string(message, "from");
        if (!"inbound".equals(string(message, "direction")) || from == null || !E164.matcher(from).matches()) {
            return Optional.empty();
        }
        String to = Optional.ofNullable(string(message, "to")).orElse(accountNumber);
        return Optional.of(new InboundText(sid, from, to, Optional.ofNullable(string(message, "body")).orElse(""), created));
    }

    private static String string(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    /** Twilio writes dates in RFC 2822, e.g. {@code Wed, 18 Aug 2010 20:01:40 +0000}. */
    static Optional<Instant> date(String rfc2822) {
        if (rfc2822 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(rfc2822, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        api.close();
    }
}
