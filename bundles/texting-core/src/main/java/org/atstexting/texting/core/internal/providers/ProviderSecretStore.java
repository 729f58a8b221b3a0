package org.atstexting.texting.core.internal.providers;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import org.atstexting.texting.core.internal.credentials.CredentialCipher;
import org.atstexting.texting.core.internal.credentials.CredentialKeys;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.Resealing;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.atstexting.texting.spi.ProviderSecrets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Providers' secrets (webhook secrets) in the shared database ({@code core_provider_secret}),
 * sealed with the credential key like passwords, read from the database on every use: a secret
 * one node stored verifies a webhook the balancer sends to another node at once. A value that
 * the configured keys cannot open counts as absent (and is logged once per read, without it).
 */
@Component(service = { ProviderSecrets.class, ProviderSecretStore.class })
public final class ProviderSecretStore implements ProviderSecrets {

    private static final Logger LOG = Logger.getLogger(ProviderSecretStore.class.getName());

    private final TextingDatabase database;
    private final CredentialKeys keys;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public ProviderSecretStore(@Reference CoreStore store, @Reference CredentialVault vault) {
        this(store.database(), vault.keys());
    }

    ProviderSecretStore(TextingDatabase database, CredentialKeys keys) {
        this.database = database;
        this.keys = keys;
    }

    @Override
    public void put(String provider, String name, String value) {
        check(provider, name);
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("A provider secret is 1 to " + MAX_VALUE_LENGTH + " characters");
        }
        CredentialCipher cipher = keys.current();
        String sealed = cipher.encrypt(value, entryId(provider, name));
        try {
            database.inTransaction(c -> {
                // ON CONFLICT DO UPDATE is not in H2: insert if absent, then update, in one transaction
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO core_provider_secret "
                        + "(provider, name, sealed_value, key_id, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
                        PreparedStatement update = c.prepareStatement("UPDATE core_provider_secret "
                                + "SET sealed_value = ?, key_id = ?, updated_at = ? WHERE provider = ? AND name = ?")) {
                    insert.setString(1, provider);
                    insert.setString(2, name);
                    insert.setString(3, sealed);
                    insert.setString(4, cipher.keyId());
                    insert.setObject(5, TextingDatabase.timestamp(clock.instant()));
                    if (insert.executeUpdate() == 0) {
                        update.setString(1, sealed);
                        update.setString(2, cipher.keyId());
                        update.setObject(3, TextingDatabase.timestamp(clock.instant()));
                        update.setString(4, provider);
                        update.setString(5, name);
                        update.executeUpdate();
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("saving a secret of provider " + provider, e);
        }
    }

    @Override
    public Optional<String> get(String provider, String name) {
        check(provider, name);
        return Optional.ofNullable(select(provider, name, false).get(name));
    }

    @Override
    public Map<String, String> list(String provider, String prefix) {
        check(provider, prefix.isEmpty() ? "-" : prefix);
        return select(provider, prefix, true);
    }

    @Override
    public boolean remove(String provider, String name) {
        check(provider, name);
        return delete(provider, "name = ?", name) > 0;
    }

    @Override
    public int removeAll(String provider, String prefix) {
        check(provider, prefix.isEmpty() ? "-" : prefix);
        return delete(provider, "name LIKE ? ESCAPE '!'", like(prefix));
    }

    /** What a key rotation did to the providers' secrets. */
    public record Rotation(int reEncrypted, int unreadable) {
    }

    /** Re-seals every secret not sealed with the current key; safe on several nodes at once. */
    public Rotation rotateKey() {
        int resealed = 0;
        int unreadable = 0;
        for (SealedRow row : sealedRows(keys.current().keyId())) {
            Resealing.Sealed secret = new Resealing.Sealed("core_provider_secret", "sealed_value",
                    rowKey(row), entryId(row.provider(), row.name()), row.sealed(), row.keyId());
            switch (Resealing.reseal(database, keys, secret, "a secret of provider " + row.provider())) {
                case RESEALED -> resealed++;
                case UNREADABLE -> unreadable++;
                case CHANGED_MEANWHILE -> { } // saved anew meanwhile, with the current key
            }
        }
        return new Rotation(resealed, unreadable);
    }

    private static Map<String, String> rowKey(SealedRow row) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("provider", row.provider());
        key.put("name", row.name());
        return key;
    }

    private record SealedRow(String provider, String name, String sealed, String keyId) {
    }

    private java.util.List<SealedRow> sealedRows(String currentKeyId) {
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
                "SELECT provider, name, sealed_value, key_id FROM core_provider_secret WHERE key_id <> ?")) {
            select.setString(1, currentKeyId);
            java.util.List<SealedRow> rows = new java.util.ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(new SealedRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException("reading providers' secrets", e);
        }
    }

    private Map<String, String> select(String provider, String nameOrPrefix, boolean prefix) {
        String sql = "SELECT name, sealed_value, key_id FROM core_provider_secret WHERE provider = ? AND "
                + (prefix ? "name LIKE ? ESCAPE '!' ORDER BY name" : "name = ?");
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, provider);
            select.setString(2, prefix ? like(nameOrPrefix) : nameOrPrefix);
            Map<String, String> found = new LinkedHashMap<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    String name = r.getString(1);
                    try {
                        found.put(name, keys.open(r.getString(2), entryId(provider, name), r.getString(3)));
                    } catch (GeneralSecurityException | IllegalArgumentException e) {
                        LOG.warning(() -> "A secret of provider " + provider + " (" + name + ") was sealed with key "
                                + safe(r, 3) + ", which is not configured; it counts as absent");
                    }
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("reading a secret of provider " + provider, e);
        }
    }

    private int delete(String provider, String condition, String value) {
        try (Connection c = database.connection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM core_provider_secret WHERE provider = ? AND " + condition)) {
            delete.setString(1, provider);
            delete.setString(2, value);
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("removing a secret of provider " + provider, e);
        }
    }

    private static String safe(ResultSet r, int column) {
        try {
            return r.getString(column);
        } catch (SQLException e) {
            return "?";
        }
    }

    /** The encryption is bound to provider and name: a sealed value copied to another row does not open. */
    private static String entryId(String provider, String name) {
        return "secret|" + provider + "|" + name;
    }

    private static String like(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static void check(String provider, String name) {
        if (provider == null || provider.isBlank() || provider.length() > 100) {
            throw new IllegalArgumentException("A provider key is 1 to 100 characters");
        }
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("A provider secret's name is 1 to " + MAX_NAME_LENGTH + " characters");
        }
    }
}
