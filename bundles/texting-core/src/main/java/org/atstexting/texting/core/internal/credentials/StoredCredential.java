package org.atstexting.texting.core.internal.credentials;

import org.atstexting.texting.CredentialsView;

/**
 * One credential set as stored: the password only in encrypted form.
 *
 * @param ownerUserId {@code null} for the system credentials of the provider
 * @param keyId which credential key sealed the password ({@link CredentialCipher#keyId()})
 */
public record StoredCredential(String provider, String username, String phoneNumber, String ownerUserId,
        String encryptedPassword, String keyId) {

    static String id(String provider, String ownerUserId) {
        return ownerUserId == null ? "system|" + provider : "user|" + ownerUserId + "|" + provider;
    }

    String id() {
        return id(provider, ownerUserId);
    }

    CredentialsView view() {
        return new CredentialsView(provider, username, phoneNumber, ownerUserId);
    }

    @Override
    public String toString() {
        return "StoredCredential[" + id() + ", username=" + username + "]";
    }
}
