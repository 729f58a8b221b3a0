package org.atstexting.texting.core.internal.credentials;

import java.util.List;
import java.util.Optional;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialTest;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.CredentialsView;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.core.internal.sending.PermissionGuard;
import org.atstexting.texting.core.internal.sending.PhoneNumbers;
import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The set-up guide's credential rules in front of the vault: admins keep the system
 * credentials of each provider; users with "Can Text" keep their own once the system
 * credentials exist; a provider username belongs to one owner. The last test of each set is kept
 * ({@link CredentialTestLog}) until the set is saved again or removed.
 */
@Component(service = CredentialService.class, configurationPid = CoreConfiguration.PID)
public final class DefaultCredentialService implements CredentialService {

    private final PermissionGuard guard;
    private final CredentialVault vault;
    private final ProviderRegistry providers;
    private final CredentialTestLog tests;
    private volatile PhoneNumbers phoneNumbers;

    @Activate
    public DefaultCredentialService(@Reference TextingPermissions permissions, @Reference CredentialVault vault,
            @Reference ProviderRegistry providers, @Reference CredentialTestLog tests, CoreConfiguration config) {
        this.guard = new PermissionGuard(permissions);
        this.vault = vault;
        this.providers = providers;
        this.tests = tests;
        this.phoneNumbers = new PhoneNumbers(config.defaultRegion());
    }

    /** The default region applies live: a console edit must not restart the credential service. */
    @Modified
    void modified(CoreConfiguration config) {
        this.phoneNumbers = new PhoneNumbers(config.defaultRegion());
    }

    /*
     * Each pair of methods below differs only in whose credentials they touch: the system's
     * (null owner, admins only) or the acting user's own ("Can Text"); the owner methods check
     * the permission before anything is read or changed.
     */

    @Override
    public CredentialsView saveSystemCredentials(String actingUserId, CredentialsInput input) throws TextingException {
        return save(input, systemOwner(actingUserId));
    }

    @Override
    public Optional<CredentialsView> systemCredentials(String actingUserId, String provider) throws TextingException {
        return view(provider, systemOwner(actingUserId));
    }

    @Override
    public CredentialCheck testSystemCredentials(String actingUserId, String provider) throws TextingException {
        return test(provider, systemOwner(actingUserId));
    }

    @Override
    public boolean removeSystemCredentials(String actingUserId, String provider) throws TextingException {
        String owner = systemOwner(actingUserId);
        return forgetting(provider, owner, vault.remove(provider, owner));
    }

    @Override
    public CredentialsView saveUserCredentials(String actingUserId, CredentialsInput input) throws TextingException {
        String owner = userOwner(actingUserId);
        if (vault.find(input.provider(), null).isEmpty()) {
            throw new TextingException(Reason.NO_SYSTEM_CREDENTIALS, "An administrator must enter the system "
                    + "credentials for " + input.provider() + " before users can add their own");
        }
        return save(input, owner);
    }

    @Override
    public Optional<CredentialsView> userCredentials(String actingUserId, String provider) throws TextingException {
        return view(provider, userOwner(actingUserId));
    }

    @Override
    public CredentialCheck testUserCredentials(String actingUserId, String provider) throws TextingException {
        return test(provider, userOwner(actingUserId));
    }

    @Override
    public boolean removeUserCredentials(String actingUserId, String provider) throws TextingException {
        String owner = userOwner(actingUserId);
        return forgetting(provider, owner, vault.remove(provider, owner));
    }

    /** The owner of the system credentials (none), once the acting user is found to be an admin. */
    private String systemOwner(String actingUserId) throws TextingException {
        guard.requireAdmin(actingUserId);
        return null;
    }

    /** The acting user as the owner of their own credentials, once they may text. */
    private String userOwner(String actingUserId) throws TextingException {
        guard.requireCanText(actingUserId);
        return actingUserId;
    }

    private Optional<CredentialsView> view(String provider, String ownerUserId) {
        return vault.find(provider, ownerUserId).map(StoredCredential::view);
    }

    @Override
    public List<CredentialsView> allCredentials(String actingUserId) throws TextingException {
        guard.requireAdmin(actingUserId);
        return vault.all().stream().map(StoredCredential::view).toList();
    }

    @Override
    public Optional<CredentialTest> lastSystemTest(String actingUserId, String provider) throws TextingException {
        return tests.last(StoredCredential.id(provider, systemOwner(actingUserId)));
    }

    @Override
    public Optional<CredentialTest> lastUserTest(String actingUserId, String provider) throws TextingException {
        return tests.last(StoredCredential.id(provider, userOwner(actingUserId)));
    }

    /** A removed set's last test no longer describes anything. */
    private boolean forgetting(String provider, String ownerUserId, boolean removed) {
        tests.forget(StoredCredential.id(provider, ownerUserId));
        return removed;
    }

    // one at a time: the username check and the save must not interleave
    private synchronized CredentialsView save(CredentialsInput input, String ownerUserId) throws TextingException {
        providers.require(input.provider());
        String username = UsernameRule.check(input.username());
        String phone = phoneNumbers.toE164(input.phoneNumber());
        if (input.password() == null || input.password().isEmpty()) {
            throw new TextingException(Reason.INVALID_INPUT, "A password is required");
        }
        Optional<StoredCredential> holder = vault.findByUsername(input.provider(), username);
        if (holder.isPresent() && !holder.get().id().equals(StoredCredential.id(input.provider(), ownerUserId))) {
            throw new TextingException(Reason.USERNAME_TAKEN, "The " + input.provider() + " username '" + username
                    + "' already belongs to " + describeOwner(holder.get())
                    + "; each user needs their own username so texts are attributed to who sent them");
        }
        CredentialsView saved = vault.save(input.provider(), username, phone, ownerUserId, input.password()).view();
        tests.forget(StoredCredential.id(input.provider(), ownerUserId)); // it tested the set just replaced
        return saved;
    }

    private static String describeOwner(StoredCredential holder) {
        return holder.ownerUserId() == null ? "the system credentials" : "another user";
    }

    private CredentialCheck test(String provider, String ownerUserId) throws TextingException {
        StoredCredential stored = vault.find(provider, ownerUserId).orElseThrow(() -> new TextingException(
                ownerUserId == null ? Reason.NO_SYSTEM_CREDENTIALS : Reason.NO_CREDENTIALS,
                "No " + (ownerUserId == null ? "system" : "user") + " credentials for " + provider + " to test"));
        Optional<TextingProvider> installed = providers.find(provider);
        CredentialCheck check = installed.isEmpty()
                ? new CredentialCheck(CredentialCheck.Outcome.PROVIDER_UNAVAILABLE,
                        "The " + provider + " provider is not installed")
                : installed.get().test(vault.unlock(stored));
        tests.record(stored.id(), check);
        return check;
    }
}
