package org.atstexting.texting.spi;

import java.util.Objects;

/**
 * Decrypted credentials handed to a provider for one call. Do not keep, log or print the
 * password; {@link #toString()} hides it.
 *
 * @param username    the provider username
 * @param phoneNumber the account's number in E.164
 * @param password    the provider password
 */
public record ProviderCredentials(String username, String phoneNumber, String password) {

    public ProviderCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "ProviderCredentials[username=" + username + ", phoneNumber=" + phoneNumber + "]";
    }
}
