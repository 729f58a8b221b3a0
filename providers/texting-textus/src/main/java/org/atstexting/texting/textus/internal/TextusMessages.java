package org.atstexting.texting.textus.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.StatusUpdate;

import com.google.gson.JsonObject;

/**
 * TextUs Message resources in the SPI's terms. A message's id is its path ({@code /messages/QNDkpL});
 * the provider message id is the last segment ({@code QNDkpL}). Unconfirmed, chosen here: the
 * direction words ({@code in}/{@code incoming}/{@code inbound} and {@code out}/...), the contact's
 * number on the conversation ({@code phoneNumber}) or the incoming message's
 * {@code sender.phoneNumber}, and {@code errorCode} on a failed message.
 */
final class TextusMessages {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    private TextusMessages() {
    }

    static String shortId(String pathId) {
        if (pathId == null) {
            return null;
        }
        int slash = pathId.lastIndexOf('/');
        return slash < 0 ? pathId : pathId.substring(slash + 1);
    }

    static boolean incoming(JsonObject message) {
        String d = TextusJson.string(message, "direction");
        return d != null && switch (d.toLowerCase(Locale.ROOT)) {
            case "in", "incoming", "inbound" -> true;
            default -> false;
        };
    }

    static boolean outgoing(JsonObject message) {
        String d = TextusJson.string(message, "direction");
        return d != null && switch (d.toLowerCase(Locale.ROOT)) {
            case "out", "outgoing", "outbound" -> true;
            default -> false;
        };
    }

    /** An incoming text from a phone number; anything else (other channels, no number) is left out. */
    static Optional<InboundText> inbound(JsonObject message, String contact, String accountNumber, Instant at) {
        String id = shortId(TextusJson.string(message, "id"));
        if (!incoming(message) || id == null) {
            return Optional.empty();
        }
        String from = contact != null ? contact : TextusJson.string(TextusJson.object(message, "sender"), "phoneNumber");
        if (from == null || !E164.matcher(from).matches()) {
            return Optional.empty();
        }
        String body = Optional.ofNullable(TextusJson.string(message, "body")).orElse("");
        return Optional.of(new InboundText(id, from, accountNumber, body, at));
    }

    /** The state of an outgoing message; a failed one with the reason a recruiter can read. */
    static Optional<StatusUpdate> statusUpdate(JsonObject message, Instant at) {
        String id = shortId(TextusJson.string(message, "id"));
        if (!outgoing(message) || id == null) {
            return Optional.empty();
        }
        String state = TextusJson.string(message, "deliveryState");
        DeliveryStatus status = TextusStatus.of(state);
        String code = TextusJson.string(message, "errorCode");
        String reason = status == DeliveryStatus.FAILED || "unknown".equalsIgnoreCase(state)
                ? TextusStatus.reason(code, state) : null;
        return Optional.of(new StatusUpdate(id, status, reason, at,
                status == DeliveryStatus.FAILED ? TextusStatus.failure(code, state) : null));
    }
}
