package org.atstexting.texting;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a number's consent to receive texts, kept for good.
 *
 * @param number     the number, E.164
 * @param kind       opted out or back in
 * @param at         when
 * @param cause      what caused it: the text the number sent (e.g. {@code STOP}), the
 *                   provider's refusal, or an admin's note
 * @param source     {@link #INBOUND_TEXT}, {@link #PROVIDER} or {@link #ADMIN}
 * @param messageKey the {@link TextMessage#key()} of the text that caused it, or {@code null}
 * @param userId     the admin who recorded it ({@link #ADMIN}), or the account owner the text
 *                   came in to; {@code null} if not known
 */
public record OptOutEvent(String number, Kind kind, Instant at, String cause, String source, String messageKey,
        String userId) {

    /** Source: the number texted an opt-out or opt-in keyword. */
    public static final String INBOUND_TEXT = "inbound text";
    /** Source: the provider refused a send because the recipient opted out. */
    public static final String PROVIDER = "provider";
    /** Source: an admin recorded an opt-out received another way (a call, an email). */
    public static final String ADMIN = "admin";

    /** The two directions consent moves in. */
    public enum Kind {
        /** The number no longer receives texts. */
        OPT_OUT,
        /** The number receives texts again. */
        OPT_IN
    }

    public OptOutEvent {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(source, "source");
    }
}
