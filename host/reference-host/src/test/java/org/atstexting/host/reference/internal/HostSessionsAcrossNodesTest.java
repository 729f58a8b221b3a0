package org.atstexting.host.reference.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * Logins on two nodes (each its own pool and components) on one database, with no sticky
 * balancer, on H2 and PostgreSQL: a session opened on A is known on B, signing out on B ends it on
 * A, idle sessions end on both, the token itself is never stored, and failed logins count across
 * nodes.
 */
@RunWith(Parameterized.class)
public class HostSessionsAcrossNodesTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    @Parameter
    public TestDatabases.Kind kind;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    /** A clock both nodes read; the test moves it. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hands clock = new Hands();
    private final HostUsers users = id -> "alice".equals(id) ? Optional.of(new HostUser("alice", "Alice", false))
            : Optional.empty();
    private Path h2Directory;
    private String postgresName;
    private TextingDatabase databaseA;
    private HostAuthenticator nodeA;
    private HostAuthenticator nodeB;

    @Before
    public void twoNodes() throws Exception {
        h2Directory = temp.newFolder("db").toPath();
        postgresName = kind == TestDatabases.Kind.POSTGRESQL ? TestDatabases.newDatabaseName() : null;
        databaseA = database();
        nodeA = new HostAuthenticator(users, new HostStore(databaseA, false), LoginThrottleTest.config(), clock);
        nodeB = new HostAuthenticator(users, new HostStore(database(), false), LoginThrottleTest.config(), clock);
    }

    private TextingDatabase database() {
        DataSource source = kind == TestDatabases.Kind.H2 ? TestDatabases.h2DataSource(h2Directory)
                : TestDatabases.postgresDatabase(postgresName);
        return TestDatabases.database(source);
    }

    @Test
    public void aLoginOnAWorksOnBAndALogoutOnBEndsItOnA() {
        String token = nodeA.sessions().open("alice");
        assertEquals(Optional.of("alice"), nodeB.sessions().user(token));
        assertEquals(Optional.of("alice"), nodeA.sessions().user(token));
        assertEquals("a made-up token names nobody", Optional.empty(), nodeB.sessions().user(token + "x"));

        nodeB.sessions().close(token);
        assertEquals("signed out on B: gone on A", Optional.empty(), nodeA.sessions().user(token));
        assertEquals(Optional.empty(), nodeB.sessions().user(token));
    }

    @Test
    public void anIdleSessionEndsOnEveryNodeAndUseOnAnyNodeKeepsItAlive() {
        String token = nodeA.sessions().open("alice");
        for (int i = 0; i < 3; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(Sessions.IDLE_MINUTES - 5));
            HostAuthenticator node = i % 2 == 0 ? nodeB : nodeA;
            assertEquals("used within the idle time, on either node", Optional.of("alice"), node.sessions().user(token));
        }
        clock.now = clock.now.plus(Duration.ofMinutes(Sessions.IDLE_MINUTES + 1));
        assertEquals(Optional.empty(), nodeA.sessions().user(token));
        assertEquals(Optional.empty(), nodeB.sessions().user(token));
    }

    @Test
    public void theDatabaseHoldsOnlyAHashOfTheToken() throws Exception {
        String token = nodeA.sessions().open("alice");
        List<String> stored = new ArrayList<>();
        try (Connection c = databaseA.connection();
                PreparedStatement s = c.prepareStatement("SELECT token_hash, user_id FROM host_session");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                stored.add(r.getString(1));
                stored.add(r.getString(2));
            }
        }
        assertEquals(List.of(Sessions.hash(token), "alice"), stored);
        assertNotEquals(token, stored.get(0));
        assertFalse(stored.get(0).contains(token));
    }

    @Test
    public void failedLoginsOnTwoNodesCountTogether() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertFalse((i % 2 == 0 ? nodeA : nodeB).login("alice", "guess" + i, "10.0.0.9").ok());
        }
        assertTrue("five failures across two nodes: throttled on A", nodeA.login("alice", "demo", "10.0.0.9").throttled());
        assertTrue("and on B", nodeB.login("alice", "demo", "10.0.0.9").throttled());
        assertTrue("another address is not", nodeB.login("alice", "demo", "10.0.0.1").ok());

        clock.now = clock.now.plusSeconds(31);
        assertTrue(nodeB.login("alice", "demo", "10.0.0.9").ok());
        assertFalse("a success clears the pair on every node", nodeA.login("alice", "demo", "10.0.0.9").throttled());
    }
}
