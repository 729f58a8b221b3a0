package org.atstexting.host.reference.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Rows of {@code host_group} and {@code host_grant}: the security groups and the keys each grants. */
final class GroupRows {

    /** Longest group name and permission key stored (the columns' widths). */
    static final int MAX_NAME = 100;
    static final int MAX_KEY = 200;

    private GroupRows() {
    }

    /** Adds the group; false if it was there. */
    static boolean insert(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO host_group (name) VALUES (?) ON CONFLICT DO NOTHING")) {
            s.setString(1, name);
            return s.executeUpdate() == 1;
        }
    }

    static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM host_group WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static void grant(Connection c, String group, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO host_grant (group_name, permission_key) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            s.setString(1, group);
            s.setString(2, key);
            s.executeUpdate();
        }
    }

    static void revoke(Connection c, String group, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM host_grant WHERE group_name = ? AND permission_key = ?")) {
            s.setString(1, group);
            s.setString(2, key);
            s.executeUpdate();
        }
    }

    /** Whether the user's group grants the key: one join, read from the database at every call. */
    static boolean userHas(Connection c, String userId, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM host_user u JOIN host_grant g"
                + " ON g.group_name = u.group_name WHERE u.id = ? AND g.permission_key = ?")) {
            s.setString(1, userId);
            s.setString(2, key);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Every group (by name) and the keys it grants. */
    static Map<String, Set<String>> all(Connection c) throws SQLException {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT g.name, k.permission_key FROM host_group g"
                + " LEFT JOIN host_grant k ON k.group_name = g.name ORDER BY g.name, k.permission_key");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Set<String> keys = groups.computeIfAbsent(r.getString(1), n -> new TreeSet<>());
                String key = r.getString(2);
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        Map<String, Set<String>> result = new LinkedHashMap<>();
        groups.forEach((name, keys) -> result.put(name, Set.copyOf(keys)));
        return result;
    }
}
