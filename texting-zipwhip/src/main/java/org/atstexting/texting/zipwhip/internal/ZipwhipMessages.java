package org.atstexting.texting.zipwhip.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads Zipwhip's message objects (zipwhip-api.md, "Message object fields"), the same on
 * the polling path ({@code message/list}) and the webhook path. Lenient about fields it
 * does not need, strict about the ones it does: a message without a usable {@code id} is
 * refused by the caller.
 */
final class ZipwhipMessages {

    private final ZipwhipAddresses addresses;

    ZipwhipMessages(ZipwhipAddresses addresses) {
        this.addresses = addresses;
    }

    /** The message's id as a positive number, or -1 if it has none. */
    static long id(JsonObject message) {
        JsonElement id = message.get("id");
        try {
            long value = id == null || id.isJsonNull() ? -1 : id.getAsLong();
            return value > 0 ? value : -1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static String text(JsonObject object, String field) {
        JsonElement value = object.get(field);
        if (value == null || value.isJsonNull() || !value.isJsonPrimitive()) {
            return null;
        }
        return value.getAsString();
    }

    /** The sender in E.164, if it is a phone number. */
    Optional<String> source(JsonObject message) {
        return addresses.toE164(text(message, "sourceAddress"));
    }

    /** The other party in E.164: {@code address}, else {@code destAddress}. */
    Optional<String> counterpart(JsonObject message) {
        Optional<String> address = addresses.toE164(text(message, "address"));
        return address.isPresent() ? address : addresses.toE164(text(message, "destAddress"));
    }

    /** Whether the account sent the message (its source is the account's own number). */
    boolean outbound(JsonObject message, String accountNumber) {
        return source(message).map(accountNumber::equals).orElse(false);
    }

    /** The message as an inbound text to the account, unless the account sent it or its sender is no phone. */
    Optional<InboundText> inbound(JsonObject message, String accountNumber) {
        long id = id(message);
        Optional<String> from = source(message);
        if (id < 0 || from.isEmpty() || from.get().equals(accountNumber)) {
            return Optional.empty();
        }
        String to = addresses.toE164(text(message, "destAddress")).orElse(accountNumber);
        String body = Optional.ofNullable(text(message, "body")).orElse("");
        return Optional.of(new InboundText(Long.toString(id), from.get(), to, body, created(message)));
    }

    /** The message as a text the account sent, if it is one and its recipient is a phone number. */
    Optional<SentText> sent(JsonObject message, String accountNumber) {
        long id = id(message);
        Optional<String> to = counterpart(message);
        if (id < 0 || to.isEmpty() || !outbound(message, accountNumber)) {
            return Optional.empty();
        }
        return Optional.of(new SentText(Long.toString(id), accountNumber, to.get(),
                Optional.ofNullable(text(message, "body")).orElse(""), created(message),
                status(message).orElse(DeliveryStatus.QUEUED)));
    }

    /**
     * The delivery status Zipwhip reports in {@code transmissionState.name}: QUEUED, SENT,
     * DELIVERED map to ours, ERROR and FAILED to {@link DeliveryStatus#FAILED}. The set is
     * open: a name we do not know (or none) is empty, and ignored by the callers.
     */
    static Optional<DeliveryStatus> status(JsonObject message) {
        JsonElement state = message.get("transmissionState");
        String name = null;
        if (state != null && state.isJsonObject()) {
            name = text(state.getAsJsonObject(), "name");
        } else if (state != null && state.isJsonPrimitive()) {
            name = state.getAsString(); // tolerated: a bare name
        }
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "QUEUED" -> Optional.of(DeliveryStatus.QUEUED);
            case "SENT" -> Optional.of(DeliveryStatus.SENT);
            case "DELIVERED" -> Optional.of(DeliveryStatus.DELIVERED);
            case "ERROR", "FAILED" -> Optional.of(DeliveryStatus.FAILED);
            default -> Optional.empty();
        };
    }

    /** A status update for an outbound message, if its state is one we know. */
    static Optional<StatusUpdate> statusUpdate(JsonObject message) {
        long id = id(message);
        if (id < 0) {
            return Optional.empty();
        }
        return status(message).map(s -> new StatusUpdate(Long.toString(id), s,
                s == DeliveryStatus.FAILED ? failureReason(message) : null, updated(message)));
    }

    private static String failureReason(JsonObject message) {
        String desc = text(message, "statusDesc");
        String code = text(message, "statusCode");
        if (desc == null || desc.isBlank()) {
            return code == null ? "Zipwhip reported the text as failed" : "Zipwhip status code " + code;
        }
        return code == null ? desc : desc + " (Zipwhip status code " + code + ")";
    }

    static Instant created(JsonObject message) {
        return date(text(message, "dateCreated"));
    }

    static Instant updated(JsonObject message) {
        String last = text(message, "lastUpdated");
        return last != null ? date(last) : created(message);
    }

    /** Zipwhip's dates are strings; ISO-8601 with an offset is read, anything else counts as now. */
    private static Instant date(String date) {
        if (date == null) {
            return Instant.now();
        }
        try {
            return OffsetDateTime.parse(date).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(date);
            } catch (DateTimeParseException e2) {
                return Instant.now();
            }
        }
    }
}
