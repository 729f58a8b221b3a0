package org.atstexting.texting.core.internal.templates;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.atstexting.texting.MessageTemplate;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.jdbc.TextingDatabase;

/** The row codec of {@code core_template}; a template's merge fields are parsed from its body again. */
final class TemplateRows {

    static final String SELECT = "SELECT name, body, updated_by, updated_at FROM core_template";
    static final String INSERT = "INSERT INTO core_template (name, body, updated_by, updated_at) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";
    static final String UPDATE = "UPDATE core_template SET body = ?, updated_by = ?, updated_at = ? WHERE name = ?";
    static final int MAX_NAME = 200;

    private TemplateRows() {
    }

    static MessageTemplate read(ResultSet row) throws SQLException {
        String body = row.getString("body");
        return new MessageTemplate(row.getString("name"), body, fields(body), row.getString("updated_by"),
                TextingDatabase.instant(row, "updated_at"));
    }

    static void bindInsert(PreparedStatement ps, MessageTemplate t) throws SQLException {
        ps.setString(1, t.name());
        ps.setString(2, t.body());
        ps.setString(3, t.updatedBy());
        ps.setObject(4, TextingDatabase.timestamp(t.updatedAt()));
    }

    static void bindUpdate(PreparedStatement ps, MessageTemplate t) throws SQLException {
        ps.setString(1, t.body());
        ps.setString(2, t.updatedBy());
        ps.setObject(3, TextingDatabase.timestamp(t.updatedAt()));
        ps.setString(4, t.name());
    }

    /** A stored body was checked when saved; one that no longer parses (a rule changed) keeps no fields. */
    private static java.util.List<String> fields(String body) {
        try {
            return MergeFields.parse(body);
        } catch (TextingException e) {
            return java.util.List.of();
        }
    }
}
