package org.atstexting.host.reference.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.atstexting.texting.jdbc.SqlWork;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The reference host's tables in the shared database (schema {@value #SCHEMA}, tables {@code host_*},
 * see {@code /db/host/V*.sql}) and the transactions the other components of this bundle
 * run on them. Nothing is cached: every read goes to the database, so what one node writes the next
 * read on any other node sees.
 *
 * <p>Calls nest: a {@link #write} inside another joins the outer transaction on the same thread (one
 * commit in the end, all or nothing), so an admin call made by the demo seed or by a batch is part of
 * the batch.
 */
@Component(service = HostStore.class, configurationPid = HostConfig.PID)
@Designate(ocd = HostConfig.class)
public final class HostStore {

    /** The migration schema name in {@code texting_schema}. */
    static final String SCHEMA = "host";
    /** The name of the demo data's row in {@code host_seed}. */
    static final String DEMO_SEED = "demo";

    private static final Logger LOG = Logger.getLogger(HostStore.class.getName());

    private final TextingDatabase database;
    /** The connection of the transaction this thread is in, if any (for nested calls). */
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    @Activate
    public HostStore(@Reference TextingDatabase database, HostConfig config) {
        this(database, config.seedDemoData());
    }

    /**
     * Migrates the host's tables (once, under the database's migration lock) and seeds the demo
     * data if asked and not done before by any node.
     */
    public HostStore(TextingDatabase database, boolean seedDemoData) {
        this.database = database;
        try {
            database.migrate(SCHEMA, List.of(HostStore.class.getResource("/db/host/V1__host_tables.sql"),
                    HostStore.class.getResource("/db/host/V2__sessions_and_login_failures.sql")));
        } catch (SQLException e) {
            throw new HostStorageException("cannot create the reference host's tables", e);
        }
        if (seedDemoData && DemoData.seedOnce(this)) {
            LOG.info("Reference host: seeded the demo data");
        }
    }

    /**
     * Runs {@code work} in a transaction (or in the one this thread is already in) and commits it;
     * if it throws, everything it did is rolled back.
     *
     * @throws HostStorageException if the database fails
     */
    public <T> T write(SqlWork<T> work) {
        Connection joined = current.get();
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw new HostStorageException("the reference host's database failed", e);
            }
        }
        try {
            return database.inTransaction(c -> {
                current.set(c);
                try {
                    return work.run(c);
                } catch (HostStorageException e) {
                    // a nested call failed: hand the database its SQLException, so it can retry a
                    // serialisation failure with the whole transaction
                    throw e.getCause();
                } finally {
                    current.remove();
                }
            });
        } catch (SQLException e) {
            throw new HostStorageException("the reference host's database failed", e);
        }
    }

    /** Reads are transactions too (one consistent answer, and they join a write in progress). */
    public <T> T read(SqlWork<T> work) {
        return write(work);
    }

    /** {@link #write(SqlWork)} for changes that make their SQL calls through other components. */
    public <T> T write(Supplier<T> change) {
        return write(c -> change.get());
    }

    /** {@link #write(Supplier)} for changes without a result. */
    public void write(Runnable change) {
        write(c -> {
            change.run();
            return null;
        });
    }

    /** Whether the store holds no groups, users or records. */
    public boolean isEmpty() {
        return read(c -> !exists(c, "SELECT 1 FROM host_group") && !exists(c, "SELECT 1 FROM host_user")
                && !exists(c, "SELECT 1 FROM host_record"));
    }

    /**
     * Claims the seed called {@code name}: true for the one caller whose row went in. A second node
     * starting at the same moment waits on the unique key until the first commits, then sees its row.
     */
    boolean claimSeed(String name) {
        return write(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO host_seed (name, seeded_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, name);
                s.setObject(2, TextingDatabase.timestamp(Instant.now()));
                return s.executeUpdate() == 1;
            }
        });
    }

    private static boolean exists(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql + " FETCH FIRST 1 ROWS ONLY"); ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }
}
