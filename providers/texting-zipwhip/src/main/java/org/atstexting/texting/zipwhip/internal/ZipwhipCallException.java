package org.atstexting.texting.zipwhip.internal;

import java.time.Instant;

import org.atstexting.texting.spi.ProviderException;

/**
 * A Zipwhip call that did not produce Zipwhip's envelope, with what the send path needs to
 * know: whether the request may have reached Zipwhip (so a send's outcome is unknown) and
 * whether Zipwhip asked us to come back later. Messages never hold a session or password.
 */
final class ZipwhipCallException extends ProviderException {

    private static final long serialVersionUID = 1L;

    private final boolean mayHaveArrived;
    private final long retryAfterMillis;
    private final boolean answered;

    ZipwhipCallException(Kind kind, String message, boolean mayHaveArrived, long retryAfterMillis) {
        this(kind, message, mayHaveArrived, retryAfterMillis, false);
    }

    ZipwhipCallException(Kind kind, String message, boolean mayHaveArrived, long retryAfterMillis, boolean answered) {
        super(kind, message, null, retryAfterMillis >= 0 ? Instant.now().plusMillis(retryAfterMillis) : null, null);
        this.mayHaveArrived = mayHaveArrived;
        this.retryAfterMillis = retryAfterMillis;
        this.answered = answered;
    }

    /**
     * True if Zipwhip answered (an HTTP error status or an unreadable body): it has finished
     * with the request, so what it stored is visible to a look-up now. False for time-outs
     * and broken connections, after which Zipwhip may still be working on the request.
     */
    boolean answered() {
        return answered;
    }

    /**
     * True if Zipwhip may have received and performed the call (an I/O failure after the
     * connection was made, a 5xx, an unreadable answer); false if it certainly did not (no
     * connection, or 429).
     */
    boolean mayHaveArrived() {
        return mayHaveArrived;
    }

    /** Zipwhip's Retry-After in milliseconds for a 429, otherwise -1. */
    long retryAfterMillis() {
        return retryAfterMillis;
    }

    boolean rateLimited() {
        return retryAfterMillis >= 0;
    }
}
