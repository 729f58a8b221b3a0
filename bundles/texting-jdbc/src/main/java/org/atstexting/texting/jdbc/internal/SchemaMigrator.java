package org.atstexting.texting.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * Applies each bundle's versioned scripts once. The lock is a row per schema in
 * {@code texting_schema}, taken with {@code SELECT ... FOR UPDATE} in the transaction that runs
 * the scripts: a second node starting at the same moment waits on that row, then reads the new
 * version and runs nothing. (Advisory locks would be simpler on PostgreSQL, but are bound to a
 * session, which a pool hands around, and H2 has none.)
 */
final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());
    private static final Pattern NAME = Pattern.compile("V(\\d{1,6})__[A-Za-z0-9_.-]*\\.sql");
    private static final Pattern SCHEMA = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final Pattern STATEMENT_END = Pattern.compile(";[ \\t]*(\\r?\\n|$)");

    /**
     * H2 commits each DDL statement at once, which also lets go of the row lock; within one JVM
     * (the only place an embedded H2 file is shared) migrations therefore also queue here.
     */
    private static final Object JVM_LOCK = new Object();

    private final TextingDatabase database;
    private volatile boolean versionTableReady;

    SchemaMigrator(TextingDatabase database) {
        this.database = database;
    }

    void migrate(String schema, List<URL> scripts) throws SQLException {
        if (schema == null || !SCHEMA.matcher(schema).matches()) {
            throw new SQLException("A schema name is lower-case letters, digits and _ (at most 40), not '" + schema + "'");
        }
        TreeMap<Integer, URL> byVersion = byVersion(scripts);
        if ("H2".equalsIgnoreCase(database.product())) {
            synchronized (JVM_LOCK) {
                migrateLocked(schema, byVersion);
            }
        } else {
            migrateLocked(schema, byVersion);
        }
    }

    private void migrateLocked(String schema, TreeMap<Integer, URL> byVersion) throws SQLException {
        ensureVersionTable();
        try (Connection c = database.connection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO texting_schema (schema_name, version) VALUES (?, 0) ON CONFLICT DO NOTHING")) {
            insert.setString(1, schema);
            insert.executeUpdate();
        }
        database.inTransaction(c -> {
            int current = lockedVersion(c, schema);
            int target = current;
            for (var script : byVersion.tailMap(current, false).entrySet()) {
                run(c, schema, script.getValue());
                target = script.getKey();
            }
            if (target != current) {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE texting_schema SET version = ?, updated_at = CURRENT_TIMESTAMP WHERE schema_name = ?")) {
                    update.setInt(1, target);
                    update.setString(2, schema);
                    update.executeUpdate();
                }
                int from = current;
                int to = target;
                LOG.info(() -> "ats-texting database: schema " + schema + " migrated from version " + from + " to " + to);
            } else if (!byVersion.isEmpty() && current > byVersion.lastKey()) {
                LOG.warning(() -> "ats-texting database: schema " + schema + " is at version " + current
                        + ", newer than this bundle's scripts (" + byVersion.lastKey() + "); a newer node migrated it");
            }
            return null;
        });
    }

    private static TreeMap<Integer, URL> byVersion(List<URL> scripts) throws SQLException {
        TreeMap<Integer, URL> byVersion = new TreeMap<>();
        for (URL script : scripts) {
            String path = script.getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new SQLException("Schema script " + script + " is not named V<n>__<words>.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if (version < 1 || byVersion.put(version, script) != null) {
                throw new SQLException("Schema script version " + version + " is not 1 or more, or given twice (" + script + ")");
            }
        }
        return byVersion;
    }

    /**
     * Two nodes creating the table at once can collide even with IF NOT EXISTS (PostgreSQL checks
     * its catalog before it locks it); the loser finds the table there on its second try.
     */
    private void ensureVersionTable() throws SQLException {
        if (versionTableReady) {
            return;
        }
        for (int attempt = 1;; attempt++) {
            try (Connection c = database.connection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS texting_schema (schema_name VARCHAR(40) PRIMARY KEY, "
                        + "version INTEGER NOT NULL, updated_at TIMESTAMP WITH TIME ZONE)");
                versionTableReady = true;
                return;
            } catch (SQLException e) {
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    private static int lockedVersion(Connection c, String schema) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT version FROM texting_schema WHERE schema_name = ? FOR UPDATE")) {
            select.setString(1, schema);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("The row of schema " + schema + " in texting_schema is missing");
                }
                return row.getInt(1);
            }
        }
    }

    private static void run(Connection c, String schema, URL script) throws SQLException {
        String text;
        try (InputStream in = script.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("Cannot read schema script " + script + ": " + e.getMessage(), e);
        }
        try (Statement s = c.createStatement()) {
            for (String statement : statements(text)) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new SQLException("Schema " + schema + ": script " + script.getPath() + " failed: " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    /** Statements end with a {@code ;} at the end of a line; {@code --} lines are comments. */
    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\\r?\\n", -1)) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String part : STATEMENT_END.split(withoutComments)) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }
}
