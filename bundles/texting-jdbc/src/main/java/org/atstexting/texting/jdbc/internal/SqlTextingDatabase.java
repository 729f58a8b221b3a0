package org.atstexting.texting.jdbc.internal;

import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.atstexting.texting.jdbc.SqlWork;
import org.atstexting.texting.jdbc.TextingDatabase;

import com.zaxxer.hikari.HikariDataSource;

/**
 * {@link TextingDatabase} over any {@code DataSource}: our pool, or the host's. Public so that
 * tests of other modules can build one over a test database without a framework.
 */
public final class SqlTextingDatabase implements TextingDatabase {

    private static final int ATTEMPTS = 3;
    /** HikariCP's name of the level every transaction runs at. */
    static final String READ_COMMITTED = "TRANSACTION_READ_COMMITTED";

    private final DataSource dataSource;
    /**
     * Whether the pool hands out every connection read committed and resets one changed when it
     * comes back: our HikariCP pool, configured so ({@link DatabaseSource#pool}). Then a
     * transaction need not ask, and asking costs: PostgreSQL's driver asks the server, a round
     * trip each time (13–25 µs on localhost, as long as a {@code SELECT 1}).
     */
    private final boolean alwaysReadCommitted;
    private final String product;
    private final SchemaMigrator migrator;

    public SqlTextingDatabase(DataSource dataSource) throws SQLException {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.alwaysReadCommitted = dataSource instanceof HikariDataSource pool
                && READ_COMMITTED.equals(pool.getTransactionIsolation());
        try (Connection c = dataSource.getConnection()) {
            this.product = c.getMetaData().getDatabaseProductName();
        }
        this.migrator = new SchemaMigrator(this);
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                // asked once at most, and restored from what was found rather than asked again
                int isolation = alwaysReadCommitted ? Connection.TRANSACTION_READ_COMMITTED
                        : c.getTransactionIsolation();
                c.setAutoCommit(false);
                if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollbackQuietly(c, e);
                    if (attempt < ATTEMPTS && e instanceof SQLException sql && isRetryable(sql)) {
                        continue;
                    }
                    throw e;
                } finally {
                    restore(c, autoCommit, isolation);
                }
            }
        }
    }

    private static void rollbackQuietly(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
    }

    /** A pooled connection goes back as it came: a host's pool may not reset it. */
    private static void restore(Connection c, boolean autoCommit, int isolation) throws SQLException {
        if (!c.isClosed()) {
            c.setAutoCommit(autoCommit);
            if (isolation != Connection.TRANSACTION_READ_COMMITTED) { // the work itself never changes it
                c.setTransactionIsolation(isolation);
            }
        }
    }

    /** Serialization failure and deadlock: the database asks for the transaction to be run again. */
    static boolean isRetryable(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            String state = next.getSQLState();
            if ("40001".equals(state) || "40P01".equals(state)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
        return c;
    }

    @Override
    public void migrate(String schema, List<URL> scripts) throws SQLException {
        migrator.migrate(schema, scripts);
    }

    @Override
    public String product() {
        return product;
    }

    @Override
    public String toString() {
        return "TextingDatabase[" + product + "]";
    }
}
