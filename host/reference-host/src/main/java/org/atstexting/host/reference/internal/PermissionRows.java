package org.atstexting.host.reference.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.atstexting.texting.host.PermissionDefinition;

/** Rows of {@code host_permission}: one registered {@link PermissionDefinition} each. */
final class PermissionRows {

    private PermissionRows() {
    }

    /** Registers the definition or replaces the one with its key. */
    static void put(Connection c, PermissionDefinition d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO host_permission (permission_key, category, label,"
                + " description) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, d.key());
            s.setString(2, d.category());
            s.setString(3, d.label());
            s.setString(4, d.description());
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE host_permission SET category = ?, label = ?, description = ? WHERE permission_key = ?")) {
            s.setString(1, d.category());
            s.setString(2, d.label());
            s.setString(3, d.description());
            s.setString(4, d.key());
            s.executeUpdate();
        }
    }

    static List<PermissionDefinition> all(Connection c) throws SQLException {
        List<PermissionDefinition> result = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT permission_key, category, label, description"
                + " FROM host_permission ORDER BY permission_key"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                result.add(new PermissionDefinition(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
            }
        }
        return result;
    }
}
