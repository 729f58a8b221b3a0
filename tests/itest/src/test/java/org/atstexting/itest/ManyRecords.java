package org.atstexting.itest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Many employee records for a bulk job, written straight into the reference host's table in the
 * shared database (as a host's own data import would): numbers +1 312 555 0000 and up, which no
 * demo record uses and libphonenumber accepts.
 */
final class ManyRecords {

    private ManyRecords() {
    }

    /** @return the records' references, e.g. {@code employee:50000} */
    static List<String> create(String jdbcUrl, int count) throws SQLException {
        List<String> refs = new ArrayList<>(count);
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                PreparedStatement insert = c.prepareStatement("INSERT INTO host_record "
                        + "(record_type, record_id, display_name, phone_number) VALUES ('employee', ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String id = Integer.toString(50_000 + i);
                insert.setString(1, id);
                insert.setString(2, "Bulk Candidate " + i);
                insert.setString(3, String.format("+1312555%04d", i));
                insert.addBatch();
                refs.add("employee:" + id);
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            c.commit();
        }
        return refs;
    }
}
