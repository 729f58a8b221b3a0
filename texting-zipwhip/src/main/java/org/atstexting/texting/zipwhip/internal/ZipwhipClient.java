package org.atstexting.texting.zipwhip.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

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

/** Zipwhip's methods for one configuration: send, test a login, read new inbound texts. */
final class ZipwhipClient implements Closeable {

    private static final Logger LOG = Logger.getLogger(ZipwhipClient.class.getName());

    private final ZipwhipApi api;
    private final ZipwhipSessions sessions;
    private final ZipwhipAddresses addresses;
    private final int pageSize;
    private final int maxPages;

    ZipwhipClient(ZipwhipConfiguration config) {
        this.api = new ZipwhipApi(URI.create(withSlash(config.apiBaseUrl())), config.connectTimeoutSeconds(),
                config.responseTimeoutSeconds());
        this.sessions = new ZipwhipSessions(api);
        this.addresses = new ZipwhipAddresses(config.defaultRegion());
        this.pageSize = Math.max(1, config.pageSize());
        this.maxPages = Math.max(1, config.maxPagesPerPoll());
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        ZipwhipReply reply = sessions.withSession(credentials, session -> api.call("message/send", Map.of(
                "session", session, "contacts", addresses.toContact(text.to()), "body", text.body())));
        if (!reply.success()) {
            throw new ProviderException(Kind.REJECTED, "Zipwhip refused the text to " + text.to() + ": "
                    + reply.errorText());
        }
        return new ProviderReceipt(messageId(reply.response()), DeliveryStatus.QUEUED, Instant.now());
    }

    /** The new message's id: {@code response.tokens[0].message}. */
    private static String messageId(JsonElement response) throws ProviderException {
        try {
            JsonArray tokens = response.getAsJsonObject().getAsJsonArray("tokens");
            return tokens.get(0).getAsJsonObject().get("message").getAsString();
        } catch (RuntimeException e) {
            throw new ProviderException(Kind.ERROR,
                    "Zipwhip accepted the text but its answer carried no message id (tokens[0].message)");
        }
    }

    CredentialCheck test(ProviderCredentials credentials) {
        try {
            sessions.login(credentials);
            return new CredentialCheck(Outcome.OK, "Zipwhip accepted the credentials of " + credentials.username());
        } catch (ProviderException e) {
            Outcome outcome = switch (e.kind()) {
                case BAD_CREDENTIALS -> Outcome.BAD_CREDENTIALS;
                case UNREACHABLE -> Outcome.UNREACHABLE;
                case DISABLED, NOT_CONFIGURED -> Outcome.PROVIDER_UNAVAILABLE;
                case REJECTED, ERROR -> Outcome.PROVIDER_ERROR;
            };
            return new CredentialCheck(outcome, e.getMessage());
        }
    }

    /**
     * Reads message/list pages (newest first) until it reaches the cursor, the highest
     * message id seen before. The first read of an account, or a gap wider than the page
     * budget, imports only the newest pages; older texts are then left out, and logged.
     */
    InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) throws ProviderException {
        long after = parseCursor(cursor);
        long highest = after;
        List<JsonObject> fresh = new ArrayList<>();
        boolean reachedCursor = false;
        for (int page = 0; page < maxPages && !reachedCursor; page++) {
            int start = page * pageSize;
            ZipwhipReply reply = sessions.withSession(credentials, session -> api.call("message/list", Map.of(
                    "session", session, "start", Integer.toString(start), "limit", Integer.toString(pageSize))));
            JsonArray messages = messageArray(reply);
            for (JsonElement element : messages) {
                JsonObject message = element.getAsJsonObject();
                long id = message.get("id").getAsLong();
                if (id <= after) {
                    reachedCursor = true;
                } else {
                    highest = Math.max(highest, id);
                    fresh.add(message);
                }
            }
            if (messages.size() < pageSize) {
                reachedCursor = true;
            }
        }
        if (!reachedCursor && after > 0) {
            LOG.warning(() -> "More than " + maxPages * pageSize + " new Zipwhip messages for " + credentials.username()
                    + " since the last poll; older ones were not read. Raise 'Inbound pages per poll'.");
        }
        List<InboundText> inbound = new ArrayList<>();
        fresh.sort(Comparator.comparingLong(m -> m.get("id").getAsLong()));
        for (JsonObject message : fresh) {
            toInbound(message, credentials.phoneNumber()).ifPresent(inbound::add);
        }
        return new InboundBatch(inbound, Long.toString(highest));
    }

    private static long parseCursor(String cursor) {
        try {
            return cursor == null ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static JsonArray messageArray(ZipwhipReply reply) throws ProviderException {
        if (!reply.success()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip refused message/list: " + reply.errorText());
        }
        if (reply.response() == null || !reply.response().isJsonArray()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip's message/list answer was not a list of messages");
        }
        for (JsonElement element : reply.response().getAsJsonArray()) {
            if (!element.isJsonObject() || !element.getAsJsonObject().has("id")) {
                throw new ProviderException(Kind.ERROR, "Zipwhip's message/list held a message without an id");
            }
        }
        return reply.response().getAsJsonArray();
    }

    /** A message is inbound when its source is not the account's own number. */
    private Optional<InboundText> toInbound(JsonObject message, String accountNumber) {
        Optional<String> from = addresses.toE164(text(message, "sourceAddress"));
        if (from.isEmpty() || from.get().equals(accountNumber)) {
            return Optional.empty();
        }
        String to = addresses.toE164(text(message, "destAddress")).orElse(accountNumber);
        return Optional.of(new InboundText(message.get("id").getAsString(), from.get(), to,
                Optional.ofNullable(text(message, "body")).orElse(""), timestamp(text(message, "dateCreated"))));
    }

    private static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private static Instant timestamp(String date) {
        if (date == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }

    @Override
    public void close() throws IOException {
        api.close();
    }
}
