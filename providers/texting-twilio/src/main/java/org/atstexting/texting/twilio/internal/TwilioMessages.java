package org.atstexting.texting.twilio.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reads Twilio's Message resources and message list pages (JSON, snake_case, RFC 2822 dates). */
final class TwilioMessages {

    static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    private TwilioMessages() {
    }

    /** The messages of a list page, checked: each has a sid and a {@code date_created}. */
    static List<JsonObject> messages(JsonObject page) throws ProviderException {
        JsonElement messages = page.get("messages");
        if (messages == null || !messages.isJsonArray()) {
            throw new ProviderException(Kind.ERROR, "Twilio's message list carried no 'messages' array");
        }
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement element : (JsonArray) messages) {
            if (!element.isJsonObject()) {
                throw new ProviderException(Kind.ERROR, "Twilio's message list held something that is not a message");
            }
            JsonObject message = element.getAsJsonObject();
            if (string(message, "sid") == null || created(message).isEmpty()) {
                throw new ProviderException(Kind.ERROR, "Twilio's message list held a message without sid or date_created");
            }
            out.add(message);
        }
        return out;
    }

    static Optional<Instant> created(JsonObject message) {
        return date(string(message, "date_created"));
    }

    /** Only texts that came in ({@code direction=inbound}) from a phone number; other channels are left out. */
    static Optional<InboundText> toInbound(JsonObject message, String accountNumber) {
        String from = string(message, "from");
        Optional<Instant> created = created(message);
        if (!"inbound".equals(string(message, "direction")) || from == null || !E164.matcher(from).matches()
                || created.isEmpty()) {
            return Optional.empty();
        }
        String to = Optional.ofNullable(string(message, "to")).orElse(accountNumber);
        // the list does not carry media addresses (a subresource per message); webhooks do
        return Optional.of(new InboundText(string(message, "sid"), from, to,
                Optional.ofNullable(string(message, "body")).orElse(""), created.get()));
    }

    /** Whether a message is one the account sent (through the API or as a reply). */
    static boolean outbound(JsonObject message) {
        String direction = string(message, "direction");
        return direction != null && direction.startsWith("outbound");
    }

    static String string(JsonObject object, String field) {
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
}
