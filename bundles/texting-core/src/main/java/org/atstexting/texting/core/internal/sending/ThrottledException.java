package org.atstexting.texting.core.internal.sending;

import java.time.Instant;
import java.util.Optional;

import org.atstexting.texting.TextingException;

/**
 * The provider's rate limit refused a text and nothing was sent: it may go again after
 * {@link #retryAfter()}. Callers of the texting API see {@link Reason#PROVIDER_UNAVAILABLE};
 * the bulk worker keeps the recipient pending without using up an attempt.
 */
public final class ThrottledException extends TextingException {

    private static final long serialVersionUID = 1L;

    private final transient Instant retryAfter;

    ThrottledException(String message, Instant retryAfter, Throwable cause) {
        super(Reason.PROVIDER_UNAVAILABLE, message, cause);
        this.retryAfter = retryAfter;
    }

    /** When the provider takes texts again, if it said. */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
