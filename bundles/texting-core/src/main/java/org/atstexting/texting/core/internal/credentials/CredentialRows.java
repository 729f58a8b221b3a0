package org.atstexting.texting.core.internal.credentials;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;

import org.atstexting.texting.jdbc.TextingDatabase;

/** The row codec of {@code core_credential}. */
final class CredentialRows {

    static final String COLUMNS = "id, provider, owner_user_id, username, username_key, phone_number, "
            + "encrypted_password, key_id, updated_at";
    static final String SELECT = "SELECT " + COLUMNS + " FROM core_credential";
    static final String INSERT = "INSERT INTO core_credential (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE = "UPDATE core_credential SET provider = ?, owner_user_id = ?, username = ?, "
            + "username_key = ?, phone_number = ?, encrypted_password = ?, key_id = ?, updated_at = ? WHERE id = ?";

    private CredentialRows() {
    }

    /** Usernames are unique per provider regardless of case. */
    static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    static StoredCredential read(ResultSet row) throws SQLException {
        return new StoredCredential(row.getString("provider"), row.getString("username"),
                row.getString("phone_number"), row.getString("owner_user_id"), row.getString("encrypted_password"),
                row.getString("key_id"));
    }

    static void bindInsert(PreparedStatement ps, StoredCredential c, Instant now) throws SQLException {
        ps.setString(1, c.id());
        ps.setString(2, c.provider());
        ps.setString(3, c.ownerUserId());
        ps.setString(4, c.username());
        ps.setString(5, usernameKey(c.username()));
        ps.setString(6, c.phoneNumber());
        ps.setString(7, c.encryptedPassword());
        ps.setString(8, c.keyId());
        ps.setObject(9, TextingDatabase.timestamp(now));
    }

    static void bindUpdate(PreparedStatement ps, StoredCredential c, Instant now) throws SQLException {
        ps.setString(1, c.provider());
        ps.setString(2, c.ownerUserId());
        ps.setString(3, c.username());
        ps.setString(4, usernameKey(c.username()));
        ps.setString(5, c.phoneNumber());
        ps.setString(6, c.encryptedPassword());
        ps.setString(7, c.keyId());
        ps.setObject(8, TextingDatabase.timestamp(now));
        ps.setString(9, c.id());
    }
}
