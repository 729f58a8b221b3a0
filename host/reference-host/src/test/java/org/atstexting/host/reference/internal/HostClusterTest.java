package org.atstexting.host.reference.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.Attachment;
import org.atstexting.texting.host.HostUser;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/** Two nodes (each its own pool and components) on one database, on H2 and PostgreSQL. */
@RunWith(Parameterized.class)
public class HostClusterTest {

    private static final RecordRef DANA = RecordRef.parse("employee:1001");
    private static final RecordRef GUS = RecordRef.parse("contact:2002");
    private static final int ROUNDS = 20;

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    @Parameter
    public TestDatabases.Kind kind;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path h2Directory;
    private String postgresName;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @Before
    public void database() throws Exception {
        h2Directory = temp.newFolder("db").toPath();
        postgresName = kind == TestDatabases.Kind.POSTGRESQL ? TestDatabases.newDatabaseName() : null;
    }

    @After
    public void stop() {
        threads.shutdownNow();
    }

    /** One node's store and host services, with a pool of its own on the shared database. */
    private final class Node {
        final HostStore store;
        final ReferenceHostAdminImpl admin;
        final ReferenceSecurityGroups groups;
        final ReferenceUsers users;
        final ReferenceRecords records;

        Node(boolean seed) {
            DataSource source = kind == TestDatabases.Kind.H2 ? TestDatabases.h2DataSource(h2Directory)
                    : TestDatabases.postgresDatabase(postgresName);
            store = new HostStore(TestDatabases.database(source), seed);
            admin = new ReferenceHostAdminImpl(store);
            groups = new ReferenceSecurityGroups(store);
            users = new ReferenceUsers(store);
            records = new ReferenceRecords(store);
        }
    }

    private static TextMessage text(String id, DeliveryStatus status) {
        return new TextMessage("zipwhip", id, Direction.INBOUND, "+12065550123", "+12065550100", "hello " + id,
                Instant.parse("2025-01-01T10:00:00Z"), null, status);
    }

    /** Starts both calls at the same moment (a barrier), each on its own thread. */
    private <T> List<T> atOnce(Callable<T> first, Callable<T> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> call : List.of(first, second)) {
            futures.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return call.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    public void twoStoresOnOneDatabaseSeeEachOthersWrites() {
        Node a = new Node(true);
        Node b = new Node(true);

        a.admin.addGroup("Interns");
        a.admin.addUser("ivan", "Ivan Intern", false, "Interns");
        assertEquals(Optional.of(new HostUser("ivan", "Ivan Intern", false)), b.users.user("ivan"));
        assertTrue(!b.groups.hasPermission("ivan", TextingPermissions.CAN_TEXT));
        a.admin.grant("Interns", TextingPermissions.CAN_TEXT);
        assertTrue("a grant on A is seen by B at once", b.groups.hasPermission("ivan", TextingPermissions.CAN_TEXT));
        b.admin.revoke("Interns", TextingPermissions.CAN_TEXT);
        assertTrue("a revoke on B is seen by A at once", !a.groups.hasPermission("ivan", TextingPermissions.CAN_TEXT));

        b.admin.addRecord(GUS, "Gus Employer", "+12065550126");
        assertEquals(Set.of(DANA), Set.copyOf(a.records.findByPhone("+12065550123").stream().map(r -> r.ref()).toList()));
        assertTrue(a.records.attach(DANA, text("m1", DeliveryStatus.RECEIVED)));
        assertEquals(List.of(text("m1", DeliveryStatus.RECEIVED)), b.records.messages(DANA));
        assertTrue(b.admin.deleteRecord(DANA));
        assertTrue(a.records.record(DANA).isEmpty());
        assertTrue(a.records.messages(DANA).isEmpty());
        assertEquals(3, a.admin.recordCount());
    }

    @Test
    public void twoNodesSeedingAtOnceSeedOnce() throws Exception {
        Node a = new Node(false);
        Node b = new Node(false);
        List<Boolean> seeded = atOnce(() -> DemoData.seedOnce(a.store), () -> DemoData.seedOnce(b.store));
        assertEquals("exactly one node seeds: " + seeded, 1, seeded.stream().filter(x -> x).count());
        assertEquals(4, b.admin.recordCount());
        assertEquals(3, a.admin.users().size());
        // a third node starting later does nothing either, even after the demo data was changed
        a.admin.deleteRecord(DANA);
        new Node(true);
        assertEquals(3, b.admin.recordCount());
    }

    @Test
    public void nodesStartingAtOnceMigrateAndSeedOnce() throws Exception {
        List<Node> nodes = atOnce(() -> new Node(true), () -> new Node(true));
        assertEquals(4, nodes.get(0).admin.recordCount());
        assertEquals(3, nodes.get(1).admin.groups().size());
        long seeds = nodes.get(0).store.read(c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM host_seed"); var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
        assertEquals(1, seeds);
    }

    @Test
    public void theSameTextAttachedThroughTwoNodesIsOnTheRecordOnce() throws Exception {
        Node a = new Node(true);
        Node b = new Node(true);
        for (int i = 0; i < ROUNDS; i++) {
            TextMessage m = text("m" + i, DeliveryStatus.RECEIVED);
            List<Boolean> attached = atOnce(() -> a.records.attach(DANA, m),
                    () -> b.records.attachAll(List.of(new Attachment(DANA, m), new Attachment(GUS, m))).get(0));
            assertEquals(List.of(true, true), attached);
        }
        assertEquals(ROUNDS, a.records.messages(DANA).size());
        assertEquals(ROUNDS, b.records.messages(GUS).size());
    }

    @Test
    public void aStatusMovesForwardWhicheverNodeHearsIt() throws Exception {
        Node a = new Node(true);
        Node b = new Node(true);
        TextMessage queued = new TextMessage("zipwhip", "out1", Direction.OUTBOUND, "+12065550100", "+12065550123",
                "hi", Instant.parse("2025-01-01T10:00:00Z"), "alice", DeliveryStatus.QUEUED);
        a.records.attach(DANA, queued);
        atOnce(() -> a.records.attach(DANA, queued.withStatus(DeliveryStatus.DELIVERED)),
                () -> b.records.attach(DANA, queued.withStatus(DeliveryStatus.SENT)));
        assertEquals(List.of(queued.withStatus(DeliveryStatus.DELIVERED)), b.records.messages(DANA));
    }
}
