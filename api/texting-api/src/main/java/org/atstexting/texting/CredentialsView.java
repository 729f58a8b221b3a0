package org.atstexting.texting;

/**
 * Stored provider credentials as they may be shown: never with the password.
 *
 * @param provider    the provider's key
 * @param username    the provider username
 * @param phoneNumber the account's number in E.164
 * @param ownerUserId the user the credentials belong to, or {@code null} for the system credentials
 */
public record CredentialsView(String provider, String username, String phoneNumber, String ownerUserId) {

    /** Whether these are the system credentials of the provider. */
    public boolean system() {
        return ownerUserId == null;
    }
}
