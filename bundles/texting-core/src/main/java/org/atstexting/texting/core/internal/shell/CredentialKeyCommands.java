package org.atstexting.texting.core.internal.shell;

import static org.atstexting.texting.core.internal.shell.CommandOutcome.attempt;

import org.apache.felix.service.command.Descriptor;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.providers.ProviderSecretStore;
import org.atstexting.texting.core.internal.sending.PermissionGuard;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands for the credential key (admins only): which keys are in force, and the rotation
 * that re-encrypts every stored secret with the current key. A rotation: put the new key in
 * "Credential key" and the old one in "Previous credential key" (or its file) on every node, run
 * {@code texting:rotatekey}, and remove the previous key once it reports nothing left.
 */
@Component(service = CredentialKeyCommands.class, property = {
        "osgi.command.scope=texting",
        "osgi.command.function=rotatekey", "osgi.command.function=keystatus" })
public final class CredentialKeyCommands {

    private final CredentialVault vault;
    private final ProviderSecretStore providerSecrets;
    private final PermissionGuard guard;

    @Activate
    public CredentialKeyCommands(@Reference CredentialVault vault, @Reference ProviderSecretStore providerSecrets,
            @Reference TextingPermissions permissions) {
        this.vault = vault;
        this.providerSecrets = providerSecrets;
        this.guard = new PermissionGuard(permissions);
    }

    @Descriptor("re-encrypt every stored provider password and token with the current credential key")
    public String rotatekey(@Descriptor("acting user id (an administrator)") String user) {
        return attempt(() -> {
            guard.requireAdmin(user);
            CredentialVault.Rotation rotation = vault.rotateKey();
            // the providers' own secrets (webhook secrets, shared Auth Tokens) are sealed with the same key
            ProviderSecretStore.Rotation secrets = providerSecrets.rotateKey();
            String done = rotation.reEncrypted() + " re-encrypted, " + rotation.alreadyCurrent()
                    + " already under the current key; providers' secrets: " + secrets.reEncrypted() + " re-encrypted"
                    + (secrets.unreadable() == 0 ? "" : ", " + secrets.unreadable() + " sealed with a key that is not "
                            + "configured (they count as absent: the provider installs new ones)");
            if (rotation.unreadable().isEmpty() && secrets.unreadable() == 0) {
                return done + ". Every secret is under the current key: the previous key may be removed.";
            }
            return done + "; " + rotation.unreadable().size() + " sealed with a key that is not configured "
                    + rotation.unreadable() + ": configure that key as the previous credential key and run this "
                    + "again, or enter those credentials again. Keep the previous key until then.";
        });
    }

    @Descriptor("show which credential keys are configured (their ids, never the keys)")
    public String keystatus(@Descriptor("acting user id (an administrator)") String user) {
        return attempt(() -> {
            guard.requireAdmin(user);
            return vault.keyStatus();
        });
    }
}
