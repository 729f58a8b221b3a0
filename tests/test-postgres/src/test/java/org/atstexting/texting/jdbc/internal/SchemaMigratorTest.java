package org.atstexting.texting.jdbc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;


import javax.sql.DataSource;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.testsupport.postgres.TestDatabases.Kind;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

@RunWith(Parameterized.class)
public class SchemaMigratorTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Kind kind;
    private DataSource dataSource;
    private TextingDatabase db;

    public SchemaMigratorTest(Kind kind) {
        this.kind = kind;
    }

    @Before
    public void create() {
        dataSource = kind == Kind.H2 ? TestDatabases.h2DataSource(tmp.getRoot().toPath())
                : TestDatabases.postgresDataSource();
        db = TestDatabases.database(dataSource);
    }

    private static URL script(String path) {
        return SchemaMigratorTest.class.getResource("/migrations/" + path);
    }

    private static final List<URL> GOOD = List.of(script("good/V2__more.sql"), script("good/V1__log.sql"));

    @Test
    public void scriptsRunOnceInVersionOrder() throws SQLException {
        db.migrate("m", GOOD);
        db.migrate("m", GOOD);
        assertEquals(List.of("v1", "v2"), log());
        assertEquals(2, version("m"));
    }

    @Test
    public void aLaterScriptRunsAloneWhenTheEarlierAreApplied() throws SQLException {
        db.migrate("m", List.of(script("good/V1__log.sql")));
        db.migrate("m", GOOD);
        assertEquals(List.of("v1", "v2"), log());
    }

    @Test
    public void nodesStartingTogetherMigrateOnce() throws Exception {
        // every "node" its own pool and service on the same database, as separate JVMs would have
        int nodes = 6;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            TextingDatabase node = TestDatabases.database(dataSource);
            runs.add(pool.submit(() -> {
                start.await();
                node.migrate("m", GOOD);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> run : runs) {
            run.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(List.of("v1", "v2"), log());
        assertEquals(2, version("m"));
    }

    /**
     * Another node holds the schema's row while it migrates: this node waits for it, then finds
     * the new version and runs nothing (without the row lock it reads version 0 and runs V1 again).
     */
    @Test
    public void aNodeWaitsForTheNodeThatIsMigrating() throws Exception {
        db.migrate("other", List.of()); // the version table exists
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE m_log (entry VARCHAR(40) NOT NULL)");
            s.execute("CREATE TABLE m_more (id INTEGER PRIMARY KEY)");
            s.execute("INSERT INTO texting_schema (schema_name, version) VALUES ('m', 0)");
        }
        CountDownLatch holding = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<?> otherNode = threads.submit(() -> db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeQuery("SELECT version FROM texting_schema WHERE schema_name = 'm' FOR UPDATE").close();
                s.execute("INSERT INTO m_log (entry) VALUES ('v1')");
                s.execute("INSERT INTO m_log (entry) VALUES ('v2')");
                s.execute("UPDATE texting_schema SET version = 2 WHERE schema_name = 'm'");
            }
            holding.countDown();
            pause(300); // this node is now reading the version
            return null;
        }));
        assertTrue(holding.await(30, TimeUnit.SECONDS));
        TextingDatabase thisNode = TestDatabases.database(dataSource);
        threads.submit(() -> {
            thisNode.migrate("m", GOOD);
            return null;
        }).get(60, TimeUnit.SECONDS);
        otherNode.get(60, TimeUnit.SECONDS);
        threads.shutdown();
        assertEquals(List.of("v1", "v2"), log());
        assertEquals(2, version("m"));
    }

    @Test
    public void aFailingScriptChangesNothing() throws SQLException {
        Assume.assumeTrue("H2 commits DDL at once; its scripts use IF NOT EXISTS instead", kind == Kind.POSTGRESQL);
        db.migrate("m", GOOD);
        List<URL> withBroken = new ArrayList<>(GOOD);
        withBroken.add(script("bad/V3__broken.sql"));
        try {
            db.migrate("m", withBroken);
            fail("a broken script was accepted");
        } catch (SQLException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("V3__broken.sql"));
        }
        assertEquals(List.of("v1", "v2"), log());
        assertEquals(2, version("m"));
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT * FROM m_half");
            fail("the broken script's table is there");
        } catch (SQLException expected) {
            // rolled back with the rest
        }
    }

    @Test
    public void schemasAreKeptApart() throws SQLException {
        db.migrate("m", List.of(script("good/V1__log.sql")));
        db.migrate("other", List.of());
        assertEquals(1, version("m"));
        assertEquals(0, version("other"));
    }

    @Test
    public void badNamesAreRefused() {
        for (String schema : new String[] { "Bad", "has space", "", "x;drop" }) {
            try {
                db.migrate(schema, GOOD);
                fail(schema);
            } catch (SQLException expected) {
                // refused before anything ran
            }
        }
        try {
            db.migrate("m", List.of(script("good/V1__log.sql"), script("../SchemaMigratorTest.class")));
        } catch (SQLException | NullPointerException expected) {
            return;
        }
        fail("a script without a version was accepted");
    }

    @Test
    public void statementsSplitAtSemicolonsThatEndALine() {
        assertEquals(List.of("CREATE TABLE a (x VARCHAR(5) DEFAULT 'a;b')", "INSERT INTO a VALUES ('c')"),
                SchemaMigrator.statements("-- a comment; with a semicolon\nCREATE TABLE a (x VARCHAR(5) DEFAULT 'a;b');\n"
                        + "INSERT INTO a VALUES ('c');"));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> log() throws SQLException {
        List<String> entries = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT entry FROM m_log ORDER BY entry")) {
            while (r.next()) {
                entries.add(r.getString(1));
            }
        }
        return entries;
    }

    private int version(String schema) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version FROM texting_schema WHERE schema_name = '" + schema + "'")) {
            return r.next() ? r.getInt(1) : -1;
        }
    }
}
