package org.atstexting.texting.core.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.spi.ProviderCredentials;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.Gson;

/**
 * Stores credential sets with their passwords encrypted, and decrypts a password only
 * at the moment a provider needs it. Knows nothing of permissions: callers check them.
 */
@Component(service = CredentialVault.class, configurationPid = CoreConfiguration.PID)
public final class CredentialVault {

    private static final Gson GSON = new Gson();

    private final CoreStore store;
    private volatile CredentialCipher cipher;
    private String keyFileSetting;
    private BundleContext context;
    /** The stored sets, parsed once: every send looks its sender's up. Writes go through to the store first. */
    private final Map<String, StoredCredential> byId = new ConcurrentHashMap<>();
    /** Every provider anyone has credentials for (a handful): a user's own sets are looked up by id, not searched. */
    private final Set<String> providers = ConcurrentHashMap.newKeySet();

    @Activate
    public CredentialVault(@Reference CoreStore store, CoreConfiguration config, BundleContext context)
            throws IOException {
        this(store, CredentialCipher.fromKeyFile(DataLocations.keyFile(config.keyFile(), context::getProperty)));
        this.keyFileSetting = config.keyFile();
        this.context = context;
    }

    /**
     * Another setting of the shared configuration changed (a help reply, the region): nothing
     * to do, and no restart of every part that sends. A new key file is read at once.
     */
    @Modified
    void modified(CoreConfiguration config) throws IOException {
        if (!java.util.Objects.equals(keyFileSetting, config.keyFile())) {
            cipher = CredentialCipher.fromKeyFile(DataLocations.keyFile(config.keyFile(), context::getProperty));
            keyFileSetting = config.keyFile();
        }
    }

    CredentialVault(CoreStore store, CredentialCipher cipher) {
        this.store = store;
        this.cipher = cipher;
        store.credentials().forEach((id, json) -> {
            StoredCredential stored = GSON.fromJson(json, StoredCredential.class);
            byId.put(id, stored);
            providers.add(stored.provider());
        });
    }

    Optional<StoredCredential> find(String provider, String ownerUserId) {
        return Optional.ofNullable(byId.get(StoredCredential.id(provider, ownerUserId)));
    }

    Optional<StoredCredential> findByUsername(String provider, String username) {
        return all().stream()
                .filter(c -> c.provider().equals(provider) && c.username().equalsIgnoreCase(username))
                .findFirst();
    }

    List<StoredCredential> all() {
        return List.copyOf(byId.values());
    }

    /** A user's own credential sets, one per provider. */
    List<StoredCredential> ownedBy(String ownerUserId) {
        List<StoredCredential> own = new ArrayList<>(1);
        for (String provider : providers) {
            StoredCredential stored = byId.get(StoredCredential.id(provider, ownerUserId));
            if (stored != null) {
                own.add(stored);
            }
        }
        return own;
    }

    synchronized StoredCredential save(String provider, String username, String phoneNumber, String ownerUserId,
            String password) {
        String id = StoredCredential.id(provider, ownerUserId);
        StoredCredential stored = new StoredCredential(provider, username, phoneNumber, ownerUserId,
                cipher.encrypt(password, id));
        store.credentials().put(id, GSON.toJson(stored));
        store.commit();
        byId.put(id, stored);
        providers.add(provider);
        return stored;
    }

    synchronized boolean remove(String provider, String ownerUserId) {
        String id = StoredCredential.id(provider, ownerUserId);
        boolean removed = store.credentials().remove(id) != null;
        store.commit();
        byId.remove(id);
        return removed;
    }

    ProviderCredentials unlock(StoredCredential stored) throws TextingException {
        try {
            return new ProviderCredentials(stored.username(), stored.phoneNumber(),
                    cipher.decrypt(stored.encryptedPassword(), stored.id()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message says what to do; the cause names no secret
            throw new TextingException(Reason.SERVICE_UNAVAILABLE, "The stored password of " + stored.id()
                    + " cannot be decrypted with the configured key file; enter the credentials again");
        }
    }
}
