package org.atstexting.texting;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Keeps provider credentials: one system set per provider (admins only), then one set per
 * user and provider (users with "Can Text"). Passwords are encrypted at rest and never
 * returned.
 *
 * <p>Rules: system credentials must exist before a user adds their own; a provider
 * username belongs to one user only; usernames contain no special characters; phone
 * numbers are stored in E.164. A refused call changes nothing. Each test's outcome is kept
 * (one per set of credentials, shared by every node) until the next test or until the set is
 * saved again or removed.
 */
@ProviderType
public interface CredentialService {

    /** Saves (creates or replaces) the system credentials of a provider. Admins only. */
    CredentialsView saveSystemCredentials(String actingUserId, CredentialsInput input) throws TextingException;

    /** The system credentials of a provider, without the password. Admins only. */
    Optional<CredentialsView> systemCredentials(String actingUserId, String provider) throws TextingException;

    /** Logs in to the provider with the system credentials and says whether they work. Admins only. */
    CredentialCheck testSystemCredentials(String actingUserId, String provider) throws TextingException;

    /** Removes the system credentials of a provider, and with them the encrypted password. Admins only. */
    boolean removeSystemCredentials(String actingUserId, String provider) throws TextingException;

    /** Saves (creates or replaces) the acting user's own credentials. Needs "Can Text". */
    CredentialsView saveUserCredentials(String actingUserId, CredentialsInput input) throws TextingException;

    /** The acting user's own credentials for a provider, without the password. Needs "Can Text". */
    Optional<CredentialsView> userCredentials(String actingUserId, String provider) throws TextingException;

    /** Logs in to the provider with the acting user's credentials. Needs "Can Text". */
    CredentialCheck testUserCredentials(String actingUserId, String provider) throws TextingException;

    /** Removes the acting user's credentials for a provider. Needs "Can Text". */
    boolean removeUserCredentials(String actingUserId, String provider) throws TextingException;

    /** Every stored credential set, without passwords. Admins only. */
    List<CredentialsView> allCredentials(String actingUserId) throws TextingException;

    /**
     * The last test of the system credentials of a provider, on whichever node it ran; empty when
     * they were never tested since they were saved. Admins only.
     *
     * @since 2.1
     */
    Optional<CredentialTest> lastSystemTest(String actingUserId, String provider) throws TextingException;

    /**
     * The last test of the acting user's credentials for a provider, on whichever node it ran. Needs
     * "Can Text".
     *
     * @since 2.1
     */
    Optional<CredentialTest> lastUserTest(String actingUserId, String provider) throws TextingException;
}
