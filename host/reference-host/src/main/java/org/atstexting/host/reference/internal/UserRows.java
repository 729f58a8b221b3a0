package org.atstexting.host.reference.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rows of {@code host_user}: one {@link StoredUser} each. */
final class UserRows {

    static final int MAX_ID = 100;
    static final int MAX_NAME = 200;

    private static final String COLUMNS = "id, display_name, is_admin, group_name";

    private UserRows() {
    }

    /** Adds the user or replaces the one with that id. */
    static void put(Connection c, StoredUser user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO host_user (" + COLUMNS
                + ") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            bind(s, user);
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE host_user SET display_name = ?, is_admin = ?, group_name = ? WHERE id = ?")) {
            s.setString(1, user.displayName());
            s.setBoolean(2, user.admin());
            s.setString(3, user.group());
            s.setString(4, user.id());
            s.executeUpdate();
        }
    }

    static Optional<StoredUser> get(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM host_user WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        }
    }

    /** Every user, by id. */
    static List<StoredUser> all(Connection c) throws SQLException {
        List<StoredUser> users = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM host_user ORDER BY id");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                users.add(read(r));
            }
        }
        return users;
    }

    private static void bind(PreparedStatement s, StoredUser user) throws SQLException {
        s.setString(1, user.id());
        s.setString(2, user.displayName());
        s.setBoolean(3, user.admin());
        s.setString(4, user.group());
    }

    private static StoredUser read(ResultSet r) throws SQLException {
        return new StoredUser(r.getString("id"), r.getString("display_name"), r.getBoolean("is_admin"),
                r.getString("group_name"));
    }
}
