package org.atstexting.texting;

import java.util.Objects;

/**
 * Provider credentials as an admin or user enters them. The password is held only until
 * the credential service encrypts it; {@link #toString()} never shows it.
 *
 * @param provider    the provider's key, e.g. {@code zipwhip}
 * @param username    the provider username; letters, digits, dots and underscores only
 * @param phoneNumber the texting number of the account, any common format
 * @param password    the provider password
 */
public record CredentialsInput(String provider, String username, String phoneNumber, String password) {

    public CredentialsInput {
        Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String toString() {
        // never print the password
        return "CredentialsInput[provider=" + provider + ", username=" + username + ", phoneNumber=" + phoneNumber + "]";
    }
}
