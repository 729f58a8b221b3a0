package org.atstexting.host.reference.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RecordType;
import org.atstexting.texting.host.HostRecord;

/**
 * Rows of {@code host_record} (one {@link HostRecord} each, the phone index being the index on
 * {@code phone_number}) and {@code host_record_field} (its merge fields).
 */
final class RecordRows {

    static final int MAX_ID = 100;
    static final int MAX_NAME = 200;
    static final int MAX_FIELD_NAME = 100;
    static final int MAX_FIELD_VALUE = 2000;
    static final int MAX_FIELDS = 50;

    private static final String COLUMNS = "record_type, record_id, display_name, phone_number";

    private RecordRows() {
    }

    static String type(RecordRef ref) {
        return ref.type().name().toLowerCase(Locale.ROOT);
    }

    /** Creates the record or replaces the one with its ref (fields included). */
    static void put(Connection c, HostRecord record) throws SQLException {
        putAll(c, List.of(record));
    }

    /**
     * Creates or replaces the records (fields included) with a few statement batches, however many
     * there are: insert what is new, update what was there, then write the fields afresh.
     */
    static void putAll(Connection c, List<HostRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        int[] inserted;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO host_record (" + COLUMNS
                + ") VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (HostRecord record : records) {
                bindRef(s, record.ref(), 1);
                s.setString(3, record.displayName());
                s.setString(4, record.phoneNumber());
                s.addBatch();
            }
            inserted = s.executeBatch();
        }
        List<HostRecord> existing = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (inserted[i] == 0) {
                existing.add(records.get(i));
            }
        }
        if (!existing.isEmpty()) {
            update(c, existing);
        }
        insertFields(c, records);
    }

    private static void update(Connection c, List<HostRecord> existing) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE host_record SET display_name = ?, phone_number = ?"
                + " WHERE record_type = ? AND record_id = ?")) {
            for (HostRecord record : existing) {
                s.setString(1, record.displayName());
                s.setString(2, record.phoneNumber());
                bindRef(s, record.ref(), 3);
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM host_record_field WHERE record_type = ? AND record_id = ?")) {
            for (HostRecord record : existing) {
                bindRef(s, record.ref(), 1);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void insertFields(Connection c, List<HostRecord> records) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO host_record_field (record_type, record_id, name,"
                + " field_value) VALUES (?, ?, ?, ?)")) {
            int rows = 0;
            for (HostRecord record : records) {
                for (Map.Entry<String, String> field : record.fields().entrySet()) {
                    bindRef(s, record.ref(), 1);
                    s.setString(3, field.getKey());
                    s.setString(4, field.getValue());
                    s.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                s.executeBatch();
            }
        }
    }

    static boolean exists(Connection c, RecordRef ref) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM host_record WHERE record_type = ? AND record_id = ?")) {
            bindRef(s, ref, 1);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    static Optional<HostRecord> get(Connection c, RecordRef ref) throws SQLException {
        List<HostRecord> found = select(c, "record_type = ? AND record_id = ?", s -> bindRef(s, ref, 1));
        return found.stream().findFirst();
    }

    /** The records with this E.164 number: one look-up in the phone index. */
    static List<HostRecord> withNumber(Connection c, String e164) throws SQLException {
        return select(c, "phone_number = ?", s -> s.setString(1, e164));
    }

    /** Deletes the record; its fields and attached texts go with it (ON DELETE CASCADE). */
    static boolean delete(Connection c, RecordRef ref) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM host_record WHERE record_type = ? AND record_id = ?")) {
            bindRef(s, ref, 1);
            return s.executeUpdate() == 1;
        }
    }

    static long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM host_record"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * One page of the records whose reference, name or number contains {@code q} (lower case; empty:
     * all), by type and id, and how many match in all.
     */
    static Page search(Connection c, String q, int offset, int limit) throws SQLException {
        String where = q.isEmpty() ? "1 = 1" : "(LOWER(record_type || ':' || record_id) LIKE ? ESCAPE '!'"
                + " OR LOWER(display_name) LIKE ? ESCAPE '!' OR phone_number LIKE ? ESCAPE '!')";
        String pattern = "%" + q.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        SqlBinder binder = s -> {
            if (!q.isEmpty()) {
                for (int i = 1; i <= 3; i++) {
                    s.setString(i, pattern);
                }
            }
        };
        long total;
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM host_record WHERE " + where)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                total = r.getLong(1);
            }
        }
        int next = q.isEmpty() ? 1 : 4;
        List<HostRecord> items = select(c, where + " ORDER BY record_type, record_id OFFSET ? ROWS FETCH FIRST ? ROWS ONLY",
                s -> {
                    binder.bind(s);
                    s.setInt(next, offset);
                    s.setInt(next + 1, limit);
                });
        return new Page(items, total);
    }

    /** A page of records and how many matched in all. */
    record Page(List<HostRecord> items, long total) {
    }

    @FunctionalInterface
    private interface SqlBinder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private static List<HostRecord> select(Connection c, String where, SqlBinder binder) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM host_record WHERE " + where)) {
            binder.bind(s);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new String[] { r.getString(1), r.getString(2), r.getString(3), r.getString(4) });
                }
            }
        }
        List<HostRecord> records = new ArrayList<>(rows.size());
        for (String[] row : rows) {
            RecordRef ref = new RecordRef(RecordType.valueOf(row[0].toUpperCase(Locale.ROOT)), row[1]);
            records.add(new HostRecord(ref, row[2], row[3], fields(c, ref)));
        }
        return records;
    }

    private static Map<String, String> fields(Connection c, RecordRef ref) throws SQLException {
        Map<String, String> fields = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name, field_value FROM host_record_field WHERE record_type = ? AND record_id = ?")) {
            bindRef(s, ref, 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fields.put(r.getString(1), r.getString(2));
                }
            }
        }
        return new LinkedHashMap<>(fields);
    }

    static void bindRef(PreparedStatement s, RecordRef ref, int first) throws SQLException {
        s.setString(first, type(ref));
        s.setString(first + 1, ref.id());
    }
}
