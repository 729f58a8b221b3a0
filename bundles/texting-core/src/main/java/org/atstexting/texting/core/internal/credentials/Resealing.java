package org.atstexting.texting.core.internal.credentials;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * A key rotation's step for one stored secret, whichever table holds it (credentials'
 * passwords, providers' secrets): opened with the key that sealed it, sealed again with the
 * current key, and written only if the row still holds what was read (a secret saved meanwhile
 * is already current), so a rotation may run on any node, even on two at once.
 */
public final class Resealing {

    /** What re-sealing one secret did. */
    public enum Result {
        /** Sealed with the current key now. */
        RESEALED,
        /** Saved anew meanwhile (with the current key): left as it is. */
        CHANGED_MEANWHILE,
        /** None of the configured keys opens it: left as it is. */
        UNREADABLE
    }

    /** One stored secret: where it is, as read, and the entry id its encryption is bound to. */
    public record Sealed(String table, String sealedColumn, Map<String, String> rowKey, String entryId,
            String sealed, String keyId) {
    }

    private Resealing() {
    }

    /** @param what names the secret in a database failure's message, never its value */
    public static Result reseal(TextingDatabase database, CredentialKeys keys, Sealed secret, String what) {
        CredentialCipher to = keys.current();
        String resealed;
        try {
            resealed = to.encrypt(keys.open(secret.sealed(), secret.entryId(), secret.keyId()), secret.entryId());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Result.UNREADABLE;
        }
        List<String> keyColumns = List.copyOf(secret.rowKey().keySet());
        // table and column names are the callers' constants; every value is a parameter
        String sql = "UPDATE " + secret.table() + " SET " + secret.sealedColumn() + " = ?, key_id = ? WHERE "
                + keyColumns.stream().map(column -> column + " = ?").collect(Collectors.joining(" AND "))
                + " AND key_id = ? AND " + secret.sealedColumn() + " = ?";
        try (Connection c = database.connection(); PreparedStatement update = c.prepareStatement(sql)) {
            int i = 1;
            update.setString(i++, resealed);
            update.setString(i++, to.keyId());
            for (String column : keyColumns) {
                update.setString(i++, secret.rowKey().get(column));
            }
            update.setString(i++, secret.keyId());
            update.setString(i, secret.sealed());
            return update.executeUpdate() == 1 ? Result.RESEALED : Result.CHANGED_MEANWHILE;
        } catch (SQLException e) {
            throw new StoreException("re-encrypting " + what, e);
        }
    }
}
