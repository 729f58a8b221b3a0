package org.atstexting.texting.spi;

import java.util.Objects;

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
        ERROR
    }

    private final Kind kind;

    public ProviderException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
