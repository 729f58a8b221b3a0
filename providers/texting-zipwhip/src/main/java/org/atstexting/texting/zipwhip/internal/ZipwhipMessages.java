package org.atstexting.texting.zipwhip.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.SentText;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Reads Zipwhip's message objects (zipwhip-api.md, "Message object fields"), the same on
 * the polling path ({@code message/list}) and the webhook path. Lenient about fields it
 * does not need, strict about the ones it does: a message without a usable {@code id} is
 * refused by the caller.
 */
final class ZipwhipMessages {

    private static final Logger LOG = Logger.getLogger(ZipwhipMessages.class.getName());
    private static final int OUR_SENDS = 20_000;

    private final ZipwhipAddresses addresses;
    /** Ids {@code message/send} returned (and look-ups claimed), newest kept. */
    private final Set<Long> ourSends = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > OUR_SENDS;
        }
    });

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

    /** Which way a message went, as far as the message and our own sends tell. */
    enum Direction {
        /** A phone texted the account. */
        INBOUND,
        /** The account sent it (through us or another Zipwhip client). */
        OUTBOUND,
        /** Nothing in the message says: it is left alone. */
        UNKNOWN
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

    /**
     * Remembers a message id {@code message/send} returned (or a look-up found) as ours.
     *
     * @return false if it was remembered already (a look-up must not answer two sends with one message)
     */
    boolean claimSent(long id) {
        synchronized (ourSends) {
            return ourSends.add(id);
        }
    }

    boolean isOurSend(long id) {
        synchronized (ourSends) {
            return ourSends.contains(id);
        }
    }

    /**
     * Which way the message went. What {@code sourceAddress} and {@code destAddress} hold for
     * an outbound message is not confirmed (zipwhip-api.md: they may be empty), so they are
     * the last thing asked, in this order: (1) an id {@code message/send} returned to us is
     * ours; (2) {@code type}: {@code ZO} (Zipwhip originated) is outbound, {@code MO} (mobile
     * originated) inbound, as the sandbox and Zipwhip's message types name them; (3) a
     * {@code sourceAddress} that is the account's number is outbound, another phone number
     * inbound; (4) a {@code destAddress} that is the account's number is inbound, another
     * phone number outbound. Anything else is {@link Direction#UNKNOWN}.
     */
    Direction direction(JsonObject message, String accountNumber) {
        long id = id(message);
        if (id > 0 && isOurSend(id)) {
            return Direction.OUTBOUND;
        }
        String type = text(message, "type");
        if (type != null) {
            switch (type.trim().toUpperCase(Locale.ROOT)) {
                case "ZO" -> {
                    return Direction.OUTBOUND;
                }
                case "MO" -> {
                    return Direction.INBOUND;
                }
                default -> {
                    // an open set: fall through to the addresses
                }
            }
        }
        Optional<String> source = source(message);
        if (source.isPresent()) {
            return source.get().equals(accountNumber) ? Direction.OUTBOUND : Direction.INBOUND;
        }
        Optional<String> dest = addresses.toE164(text(message, "destAddress"));
        if (dest.isPresent()) {
            return dest.get().equals(accountNumber) ? Direction.INBOUND : Direction.OUTBOUND;
        }
        return Direction.UNKNOWN;
    }

    /** Whether the account sent the message, see {@link #direction}. */
    boolean outbound(JsonObject message, String accountNumber) {
        return direction(message, accountNumber) == Direction.OUTBOUND;
    }

    /**
     * Whether the message can be the account's: a phone number it names as sender or
     * recipient must include the account's (a webhook secret admits its own account's
     * messages only). A message that names neither is the account's by the URL it came to.
     */
    boolean concerns(JsonObject message, String accountNumber) {
        Optional<String> source = source(message);
        Optional<String> dest = addresses.toE164(text(message, "destAddress"));
        if (source.isEmpty() && dest.isEmpty()) {
            return true;
        }
        return source.map(accountNumber::equals).orElse(false) || dest.map(accountNumber::equals).orElse(false);
    }

    /**
     * The message as an inbound text to the account, if it is one from a phone number. Its
     * {@code to} is always the account's number: the message list and the webhook URL are
     * the account's.
     */
    Optional<InboundText> inbound(JsonObject message, String accountNumber) {
        long id = id(message);
        if (id < 0 || direction(message, accountNumber) != Direction.INBOUND) {
            return Optional.empty();
        }
        Optional<String> from = source(message).filter(s -> !s.equals(accountNumber));
        if (from.isEmpty()) {
            from = counterpart(message).filter(s -> !s.equals(accountNumber));
        }
        if (from.isEmpty()) {
            return Optional.empty();
        }
        String body = Optional.ofNullable(text(message, "body")).orElse("");
        return Optional.of(new InboundText(Long.toString(id), from.get(), accountNumber, body, ZipwhipDates.createdOrRead(message)));
    }

    /** The message as a text the account sent, if it is one and its recipient is a phone number. */
    Optional<SentText> sent(JsonObject message, String accountNumber) {
        long id = id(message);
        Optional<String> to = counterpart(message).filter(n -> !n.equals(accountNumber));
        if (id < 0 || to.isEmpty() || !outbound(message, accountNumber)) {
            return Optional.empty();
        }
        return Optional.of(new SentText(Long.toString(id), accountNumber, to.get(),
                Optional.ofNullable(text(message, "body")).orElse(""), ZipwhipDates.createdOrRead(message),
                ZipwhipStatuses.of(message).orElse(DeliveryStatus.QUEUED)));
    }

}
