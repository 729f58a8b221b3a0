package org.atstexting.texting;

import java.util.Objects;

/**
 * A refused or failed texting operation, with a reason a program can branch on and a
 * message an admin or user can act on. A refused call has changed nothing.
 */
public class TextingException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an operation was refused or failed. */
    public enum Reason {
        /** The acting user lacks the permission the operation needs. */
        NOT_PERMITTED,
        /** The acting user is not known to the host. */
        UNKNOWN_USER,
        /** The input is invalid (number, body, username, ...); the message says which part. */
        INVALID_INPUT,
        /** No system credentials exist yet for the provider. */
        NO_SYSTEM_CREDENTIALS,
        /** The user has no credentials for the provider. */
        NO_CREDENTIALS,
        /** The provider username already belongs to another user. */
        USERNAME_TAKEN,
        /** The record does not exist in the host. */
        RECORD_NOT_FOUND,
        /** No provider with that key is installed, or it is disabled. */
        PROVIDER_UNAVAILABLE,
        /** The provider refused the credentials. */
        BAD_CREDENTIALS,
        /** The provider could not be reached or answered with an error. */
        PROVIDER_ERROR,
        /** A service the operation needs (archive, host) is not available right now. */
        SERVICE_UNAVAILABLE,
        /**
         * The recipient opted out of texts (texted STOP or similar, or the provider said so);
         * nothing was sent. They receive texts again after they text START.
         */
        OPTED_OUT
    }

    private final Reason reason;

    public TextingException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public TextingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
