package org.atstexting.texting.core.internal.credentials;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.store.ChangeFeed;
import org.atstexting.texting.core.internal.store.ChangeLog;
import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.atstexting.texting.spi.ProviderCredentials;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Stores credential sets with their passwords encrypted, and decrypts a password only
 * at the moment a provider needs it. Knows nothing of permissions: callers check them.
 *
 * <p>The sets live in the shared database ({@code core_credential}). A send's look-up
 * ({@link #readiness}) keeps a copy while the node's {@link ChangeFeed} says no set changed
 * ({@link SendReadinessLookup}); every other use reads the database. Each save, removal and key rotation is written to the change log
 * and returns only once every node's copies have had to go: a set saved or removed through any
 * node is then in force on every node.
 */
@Component(service = CredentialVault.class, configurationPid = CoreConfiguration.PID)
public final class CredentialVault {

    private static final Logger LOG = Logger.getLogger(CredentialVault.class.getName());

    /** What a key rotation did. */
    public record Rotation(int reEncrypted, int alreadyCurrent, List<String> unreadable) {
    }

    private final TextingDatabase database;
    private final ChangeFeed changes;
    private final SendReadinessLookup readiness;
    private volatile CredentialKeys keys;
    private BundleContext context;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public CredentialVault(@Reference CoreStore store, CoreConfiguration config, BundleContext context)
            throws IOException {
        this(store, CredentialKeys.from(config, context::getProperty));
        this.context = context;
    }

    /**
     * Another setting of the shared configuration changed (a help reply, the region): no
     * restart of every part that sends. The keys are read again (a new key or key file applies at once).
     */
    @Modified
    void modified(CoreConfiguration config) throws IOException {
        if (context != null) {
            keys = CredentialKeys.from(config, context::getProperty);
        }
    }

    public CredentialVault(CoreStore store, CredentialCipher cipher) {
        this(store, new CredentialKeys(cipher, null));
    }

    public CredentialVault(CoreStore store, CredentialKeys keys) {
        this.database = store.database();
        this.changes = store.changes();
        this.readiness = new SendReadinessLookup(database, changes);
        this.keys = keys;
    }

    public Optional<StoredCredential> find(String provider, String ownerUserId) {
        return one(CredentialRows.SELECT + " WHERE id = ?", StoredCredential.id(provider, ownerUserId));
    }

    Optional<StoredCredential> findByUsername(String provider, String username) {
        return many(CredentialRows.SELECT + " WHERE provider = ? AND username_key = ?", provider,
                CredentialRows.usernameKey(username)).stream().findFirst();
    }

    public List<StoredCredential> all() {
        return many(CredentialRows.SELECT + " ORDER BY id");
    }

    /**
     * What a send needs to know before it goes: the sender's credential sets (for {@code provider},
     * or all when it is {@code null}) and whether the recipient's number opted out; see
     * {@link SendReadinessLookup}. Either way a STOP or a credential change confirmed on any node
     * counts here.
     */
    public SendReadiness readiness(String ownerUserId, String provider, String number) {
        return readiness.readiness(ownerUserId, provider, number);
    }

    /** A sender's credential sets and whether the recipient opted out ({@code null}: not read, no set). */
    public record SendReadiness(List<StoredCredential> credentials, Boolean optedOut) {
    }

    /** A user's own credential sets, one per provider. */
    public List<StoredCredential> ownedBy(String ownerUserId) {
        return many(CredentialRows.SELECT + " WHERE owner_user_id = ? ORDER BY id", ownerUserId);
    }

    /**
     * @throws TextingException {@code USERNAME_TAKEN} when another owner's set has this provider
     *         username (the database's unique index decides, across nodes)
     */
    public StoredCredential save(String provider, String username, String phoneNumber, String ownerUserId,
            String password) throws TextingException {
        String id = StoredCredential.id(provider, ownerUserId);
        CredentialCipher cipher = keys.current();
        StoredCredential stored = new StoredCredential(provider, username, phoneNumber, ownerUserId,
                cipher.encrypt(password, id), cipher.keyId());
        Instant now = clock.instant();
        try {
            database.inTransaction(c -> {
                try (PreparedStatement update = c.prepareStatement(CredentialRows.UPDATE)) {
                    CredentialRows.bindUpdate(update, stored, now);
                    if (update.executeUpdate() == 1) {
                        ChangeLog.record(c, ChangeLog.Kind.CREDENTIALS, owner(ownerUserId));
                        return null;
                    }
                }
                try (PreparedStatement insert = c.prepareStatement(CredentialRows.INSERT)) {
                    CredentialRows.bindInsert(insert, stored, now);
                    insert.executeUpdate();
                }
                ChangeLog.record(c, ChangeLog.Kind.CREDENTIALS, owner(ownerUserId));
                return null;
            });
            changes.confirmed(System.nanoTime());
        } catch (SQLException e) {
            if (TextingDatabase.isUniqueViolation(e)) {
                throw new TextingException(Reason.USERNAME_TAKEN, "The " + provider + " username '" + username
                        + "' already belongs to another owner, or these credentials were saved at the same moment "
                        + "elsewhere; look at the saved credentials and try again");
            }
            throw new StoreException("saving the credentials " + id, e);
        }
        return stored;
    }

    public boolean remove(String provider, String ownerUserId) {
        String id = StoredCredential.id(provider, ownerUserId);
        boolean removed;
        try {
            removed = database.inTransaction(c -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM core_credential WHERE id = ?")) {
                    delete.setString(1, id);
                    if (delete.executeUpdate() == 0) {
                        return false;
                    }
                }
                ChangeLog.record(c, ChangeLog.Kind.CREDENTIALS, owner(ownerUserId));
                return true;
            });
        } catch (SQLException e) {
            throw new StoreException("removing the credentials " + id, e);
        }
        if (removed) {
            changes.confirmed(System.nanoTime());
        }
        return removed;
    }

    private static String owner(String ownerUserId) {
        return ownerUserId == null ? "" : ownerUserId;
    }

    public ProviderCredentials unlock(StoredCredential stored) throws TextingException {
        try {
            return new ProviderCredentials(stored.username(), stored.phoneNumber(),
                    keys.open(stored.encryptedPassword(), stored.id(), stored.keyId()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message says what to do; the cause names no secret
            throw new TextingException(Reason.SERVICE_UNAVAILABLE, "The stored password of " + stored.id()
                    + " cannot be decrypted with the configured credential key (it was sealed with key "
                    + stored.keyId() + "); configure that key as the previous credential key, or enter the "
                    + "credentials again");
        }
    }

    /** The keys in force, for the other secrets the core seals (providers' webhook secrets). */
    public CredentialKeys keys() {
        return keys;
    }

    /** The id of the key new secrets are sealed with, and of the previous one if configured. */
    public String keyStatus() {
        return "current key " + keys.current().keyId()
                + keys.previous().map(p -> ", previous key " + p.keyId()).orElse(", no previous key");
    }

    /**
     * Re-encrypts every stored secret that is not sealed with the current key. Each row is
     * replaced only if it is still the one read (a set saved meanwhile is already current), so
     * this may run on any node, even on two at once. Until it has finished, the previous key
     * must stay configured on every node.
     */
    public Rotation rotateKey() {
        int reEncrypted = 0;
        int current = 0;
        List<String> unreadable = new ArrayList<>();
        CredentialCipher to = keys.current();
        for (StoredCredential stored : all()) {
            if (to.keyId().equals(stored.keyId())) {
                current++;
                continue;
            }
            Resealing.Sealed secret = new Resealing.Sealed("core_credential", "encrypted_password",
                    Map.of("id", stored.id()), stored.id(), stored.encryptedPassword(), stored.keyId());
            switch (Resealing.reseal(database, keys, secret, "the credentials " + stored.id())) {
                case RESEALED -> reEncrypted++;
                case CHANGED_MEANWHILE -> current++; // saved anew meanwhile, with the current key
                case UNREADABLE -> unreadable.add(stored.id());
            }
        }
        // sends' copies of the sets hold the old ciphertext: logged on every run, even one that found
        // nothing to do, since a run that resealed may have failed before it logged, or another node's
        // run may have resealed the rows this one read and not logged yet
        recordChange(ChangeLog.ANY_OWNER);
        Rotation rotation = new Rotation(reEncrypted, current, List.copyOf(unreadable));
        LOG.info(() -> "ats-texting credential key rotation to key " + to.keyId() + ": " + rotation.reEncrypted()
                + " re-encrypted, " + rotation.alreadyCurrent() + " already current, " + rotation.unreadable().size()
                + " unreadable " + rotation.unreadable());
        return rotation;
    }

    private void recordChange(String owner) {
        try {
            database.inTransaction(c -> {
                ChangeLog.record(c, ChangeLog.Kind.CREDENTIALS, owner);
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("recording a change of the credentials of " + owner, e);
        }
        changes.confirmed(System.nanoTime());
    }

    private Optional<StoredCredential> one(String sql, String... parameters) {
        List<StoredCredential> found = many(sql, parameters);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private List<StoredCredential> many(String sql, String... parameters) {
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<StoredCredential> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(CredentialRows.read(row));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("reading credentials", e);
        }
    }
}
