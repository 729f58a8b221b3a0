package org.atstexting.texting.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.atstexting.texting.DeliveryFailure;

/**
 * A provider call that failed, with a kind the core maps to a plain reason. The message
 * must be fit to show an admin and must never contain a password or session key.
 */
public class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Kind {
        /** The provider is disabled in its configuration. */
        DISABLED,
        /** The provider is not configured well enough to be used. */
        NOT_CONFIGURED,
        /** The provider refused the credentials. */
        BAD_CREDENTIALS,
        /** The provider could not be reached, or did not answer in time. */
        UNREACHABLE,
        /** The provider refused this text (number, body). */
        REJECTED,
        /** The provider answered with an error or with something it should not have. */
        ERROR,
        /**
         * The recipient opted out at the provider (e.g. Twilio's 21610): nothing was sent, and
         * retrying will not help. The core records the opt-out (since 1.3).
         */
        OPTED_OUT,
        /**
         * Nothing was sent because of a rate limit (the provider's or the client's own):
         * safe to send again after {@link #retryAfter()} (since 1.3).
         */
        THROTTLED,
        /**
         * The request may have reached the provider but its answer was lost (a time-out after
         * the request was written, a 5xx): the text may have gone out. The core must look it up
         * and never resend blindly (since 1.3).
         */
        OUTCOME_UNKNOWN
    }

    private final Kind kind;
    private final transient Instant retryAfter;
    private final transient DeliveryFailure failure;

    public ProviderException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null, null);
    }

    /**
     * A failure with its details.
     *
     * @param retryAfter when a {@link Kind#THROTTLED} call may be made again, or {@code null} if unknown
     * @param failure    the plain reason and provider code for a refused text, or {@code null}
     * @since 1.3
     */
    public ProviderException(Kind kind, String message, Throwable cause, Instant retryAfter, DeliveryFailure failure) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
        this.failure = failure;
    }

    /** Nothing was sent because of a rate limit; it may be sent again after {@code retryAfter}. */
    public static ProviderException throttled(String message, Instant retryAfter) {
        return new ProviderException(Kind.THROTTLED, message, null, retryAfter, null);
    }

    /** The recipient opted out at the provider; nothing was sent. */
    public static ProviderException optedOut(String message, String providerCode) {
        return new ProviderException(Kind.OPTED_OUT, message, null, null,
                new DeliveryFailure(DeliveryFailure.Reason.OPTED_OUT, providerCode, message));
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#THROTTLED}: the earliest moment to try again, when the provider said. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** For a refused text: the plain reason and the provider's code, when known. */
    public Optional<DeliveryFailure> failure() {
        return Optional.ofNullable(failure);
    }
}
