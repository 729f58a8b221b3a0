package org.atstexting.texting.core.internal.credentials;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.core.internal.store.DataLocations;

/**
 * The credential keys in force: the current one seals every new secret; a previous one (during a
 * rotation) still opens what it sealed until {@link CredentialVault#rotateKey()} has re-sealed
 * it all. Every node must be given the same keys: configure the key itself (a PASSWORD attribute)
 * or a file path that holds the same key on each node.
 */
public final class CredentialKeys {

    private final CredentialCipher current;
    private final CredentialCipher previous;

    public CredentialKeys(CredentialCipher current, CredentialCipher previous) {
        this.current = current;
        this.previous = previous != null && previous.keyId().equals(current.keyId()) ? null : previous;
    }

    /**
     * From configuration: {@code credentialKey}, else the key file ({@code keyFile}, the framework
     * property, Karaf's etc, the user's home: see {@link DataLocations#keyFile}); and the previous
     * key, {@code previousCredentialKey} else {@code previousKeyFile}, if either is set.
     */
    static CredentialKeys from(CoreConfiguration config, UnaryOperator<String> property) throws IOException {
        CredentialCipher current = blank(config.credentialKey())
                ? CredentialCipher.fromKeyFile(DataLocations.keyFile(config.keyFile(), property))
                : CredentialCipher.fromKey(config.credentialKey());
        CredentialCipher previous = null;
        if (!blank(config.previousCredentialKey())) {
            previous = CredentialCipher.fromKey(config.previousCredentialKey());
        } else if (!blank(config.previousKeyFile())) {
            java.nio.file.Path file = java.nio.file.Path.of(config.previousKeyFile().strip());
            if (!java.nio.file.Files.exists(file)) {
                throw new IOException("The previous credential key file " + file + " does not exist");
            }
            previous = CredentialCipher.fromKeyFile(file);
        }
        return new CredentialKeys(current, previous);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    public CredentialCipher current() {
        return current;
    }

    Optional<CredentialCipher> previous() {
        return Optional.ofNullable(previous);
    }

    /** Opens a secret with the key that sealed it, current or previous. */
    public String open(String sealed, String entryId, String keyId) throws GeneralSecurityException {
        if (current.keyId().equals(keyId)) {
            return current.decrypt(sealed, entryId);
        }
        if (previous != null && previous.keyId().equals(keyId)) {
            return previous.decrypt(sealed, entryId);
        }
        throw new GeneralSecurityException("sealed with key " + keyId + ", which is not configured");
    }
}
