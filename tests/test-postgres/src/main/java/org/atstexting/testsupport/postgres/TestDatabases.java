package org.atstexting.testsupport.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.atstexting.texting.jdbc.TextingDatabase;
import org.atstexting.texting.jdbc.internal.SqlTextingDatabase;
import org.h2.jdbcx.JdbcDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Databases for store tests: embedded H2 in the PostgreSQL mode the product uses by default, and
 * a real PostgreSQL server started once per JVM from the binaries Maven delivered (no install,
 * no Docker; stopped when the JVM ends). Each {@link #create} call gives a fresh, empty database,
 * so tests do not see each other's rows.
 *
 * <p>Parameterised tests: {@code @Parameters(name = "{0}") public static List<Object[]> kinds()
 * { return TestDatabases.kinds(); }} and {@code TestDatabases.create(kind, tmp.getRoot().toPath())}.
 * Setting the system property {@value #SKIP_POSTGRES} to {@code true} leaves PostgreSQL out (a
 * quick local run); the build runs both.
 */
public final class TestDatabases {

    /** System property: {@code true} runs the store tests on H2 only. */
    public static final String SKIP_POSTGRES = "atstexting.test.skipPostgres";
    /**
     * The H2 options the product's embedded default uses ({@code DatabaseLocation.H2_OPTIONS} in
     * texting-jdbc), every commit written to the file before it returns included: tests and
     * benchmarks then pay what the product pays per commit.
     */
    public static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
            + "WRITE_DELAY=0";

    /** Which database a test runs on. */
    public enum Kind {
        H2, POSTGRESQL
    }

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabases() {
    }

    /** The kinds to run on, as JUnit 4 {@code Parameterized} parameters. */
    public static List<Object[]> kinds() {
        List<Object[]> kinds = new ArrayList<>();
        kinds.add(new Object[] { Kind.H2 });
        if (!Boolean.getBoolean(SKIP_POSTGRES)) {
            kinds.add(new Object[] { Kind.POSTGRESQL });
        }
        return kinds;
    }

    /** A fresh database of that kind; for H2 a file database under {@code dir}. */
    public static TextingDatabase create(Kind kind, Path dir) {
        return database(kind == Kind.H2 ? h2DataSource(dir) : postgresDataSource());
    }

    /**
     * {@code n} "nodes" on one fresh database: each its own pool and service, as separate JVMs
     * would have (for H2: the file under {@code dir}, shared within this JVM).
     */
    public static List<TextingDatabase> nodes(Kind kind, Path dir, int n) {
        String name = kind == Kind.POSTGRESQL ? newDatabaseName() : null;
        List<TextingDatabase> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(database(kind == Kind.H2 ? h2DataSource(dir) : pool(postgresDatabase(name))));
        }
        return nodes;
    }

    /** A {@link TextingDatabase} over a data source (a second "node" on the same database). */
    public static TextingDatabase database(DataSource dataSource) {
        try {
            return new SqlTextingDatabase(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("The test database does not answer: " + e.getMessage(), e);
        }
    }

    /** A pooled data source on an H2 file database under {@code dir} (the same dir gives the same database). */
    public static DataSource h2DataSource(Path dir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.toAbsolutePath().resolve("test-db") + H2_OPTIONS);
        return pool(h2);
    }

    /** The JDBC URL of H2 under {@code dir}, as {@link #h2DataSource} opens it. */
    public static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("test-db") + H2_OPTIONS;
    }

    /** A pooled data source on a new, empty database of the shared test PostgreSQL server. */
    public static DataSource postgresDataSource() {
        return pool(postgresDatabase(newDatabaseName()));
    }

    /** A fresh database's name on the test server; open it with {@link #postgresDatabase}. */
    public static synchronized String newDatabaseName() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    /** An unpooled data source on one database of the test server. */
    public static DataSource postgresDatabase(String name) {
        return server().getDatabase("postgres", name);
    }

    /** The JDBC URL of a database on the test server (user {@code postgres}, no password). */
    public static String postgresUrl(String name) {
        return server().getJdbcUrl("postgres", name);
    }

    /** The test server, started on first use on a free port and stopped when the JVM ends. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the test PostgreSQL server", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }, "test PostgreSQL shutdown"));
        }
        return server;
    }

    private static DataSource pool(DataSource unpooled) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(unpooled);
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(0);
        config.setPoolName("test");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED"); // as the product's pool (DatabaseSource)
        return new HikariDataSource(config);
    }
}
