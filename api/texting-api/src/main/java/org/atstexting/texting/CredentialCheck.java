package org.atstexting.texting;

import java.util.Objects;

/**
 * The answer to "Test" on a set of credentials.
 *
 * @param outcome what the provider said
 * @param message a plain sentence for the person who pressed Test
 */
public record CredentialCheck(Outcome outcome, String message) {

    /** The distinct outcomes of a credentials test. */
    public enum Outcome {
        /** The provider accepted the credentials. */
        OK,
        /** The provider refused the username or password. */
        BAD_CREDENTIALS,
        /** The provider could not be reached (network, timeout). */
        UNREACHABLE,
        /** The provider answered with an error that is not about the credentials. */
        PROVIDER_ERROR,
        /** The provider is not installed or is disabled. */
        PROVIDER_UNAVAILABLE
    }

    public CredentialCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
