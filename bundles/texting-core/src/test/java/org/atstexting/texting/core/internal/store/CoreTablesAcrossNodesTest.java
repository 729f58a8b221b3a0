package org.atstexting.texting.core.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.testsupport.postgres.TestDatabases.Kind;
import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Two nodes (each its own components and pool) on one database: whatever one learns, the other
 * knows at once; whatever must happen once happens once.
 */
@RunWith(Parameterized.class)
public class CoreTablesAcrossNodesTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    private static final String DANA = "+12065550123";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Kind kind;
    private Core nodeA;
    private Core nodeB;
    /** A third node's pool on the same database, for the test that counts a node's statements. */
    private TextingDatabase thirdNode;

    public CoreTablesAcrossNodesTest(Kind kind) {
        this.kind = kind;
    }

    @Before
    public void twoNodes() throws Exception {
        List<TextingDatabase> databases = TestDatabases.nodes(kind, tmp.newFolder("db").toPath(), 3);
        thirdNode = databases.get(2);
        nodeA = new Core(tmp.newFolder("a").toPath(), databases.get(0));
        nodeB = new Core(tmp.newFolder("b").toPath(), databases.get(1));
        nodeA.poller.stop();
        nodeB.poller.stop();
    }

    @Test
    public void credentialsSavedOnOneNodeWorkOnTheOther() throws Exception {
        nodeA.vault.save("zipwhip", "2065550100", "+12065550100", null, "system-pw");
        StoredCredential onB = nodeB.vault.find("zipwhip", null).orElseThrow();
        assertEquals("system-pw", nodeB.vault.unlock(onB).password());

        nodeB.texting.send(SendRequest.toNumber("alice", DANA, "Hi Dana"));
        assertEquals("B sent with the set A saved", List.of(DANA), nodeB.provider.recipients());

        assertTrue(nodeB.vault.remove("zipwhip", null));
        assertTrue("removed on B, gone on A", nodeA.vault.find("zipwhip", null).isEmpty());
    }

    @Test
    public void aProviderUsernameBelongsToOneOwnerAcrossNodes() throws Exception {
        nodeA.vault.save("zipwhip", "Shared_Name", "+12065550111", "u1", "pw1");
        try {
            nodeB.vault.save("zipwhip", "shared_name", "+12065550112", "u2", "pw2");
            fail("B gave u2 the username A gave u1");
        } catch (TextingException e) {
            assertEquals(TextingException.Reason.USERNAME_TAKEN, e.reason());
        }
        assertTrue(nodeA.vault.find("zipwhip", "u2").isEmpty());
    }

    @Test
    public void twoNodesSavingOneUsernameAtOnceGiveItToOneOwner() throws Exception {
        List<Future<Boolean>> saves = atOnce(
                () -> saved(nodeA, "u1"), () -> saved(nodeB, "u2"), () -> saved(nodeA, "u3"), () -> saved(nodeB, "u4"));
        int won = 0;
        for (Future<Boolean> save : saves) {
            won += save.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals("exactly one owner has the username", 1, won);
        assertEquals(1, nodeA.vault.all().stream().filter(c -> c.username().equals("race")).count());
    }

    private static boolean saved(Core node, String owner) throws Exception {
        try {
            node.vault.save("zipwhip", "race", "+12065550199", owner, "pw");
            return true;
        } catch (TextingException e) {
            assertEquals(TextingException.Reason.USERNAME_TAKEN, e.reason());
            return false;
        }
    }

    @Test
    public void aStopRecordedByOneNodeIsRefusedByTheOtherAtOnce() throws Exception {
        nodeA.texting.send(SendRequest.toNumber("alice", DANA, "Hi Dana"));
        assertEquals(1, nodeA.provider.accepted.size());

        nodeB.optOuts.record(stop("zipwhip:in-1"));

        try {
            nodeA.texting.send(SendRequest.toNumber("alice", DANA, "Are you free Tuesday?"));
            fail("A texted a number that opted out on B");
        } catch (TextingException e) {
            assertEquals(TextingException.Reason.OPTED_OUT, e.reason());
        }
        assertEquals("the provider got nothing more from A", 1, nodeA.provider.accepted.size());
        assertTrue(nodeA.optOuts.statusOf(DANA).optedOut());
        assertEquals(1, nodeA.optOuts.statusOf(DANA).history().size());
    }

    /**
     * A node's first send asks the shared database once: the recipient's opt-out and the sender's
     * credentials come back in one statement. The next sends ask it nothing (the node's memory,
     * kept current by the change log, answers), and a STOP the other node took still refuses the
     * next send.
     */
    @Test
    public void aSendAsksTheSharedDatabaseOnceAndStillSeesTheOtherNodesStop() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        Core counted = new Core(tmp.newFolder("counted").toPath(),
                counting(thirdNode, asked));
        counted.poller.stop();
        asked.clear();
        counted.texting.send(SendRequest.toNumber("alice", DANA, "Hi Dana"));
        assertEquals("statements on the opt-outs and credentials for one send: " + asked, 1, asked.size());
        asked.clear();
        counted.texting.send(SendRequest.toNumber("alice", DANA, "Are you there?"));
        counted.texting.send(SendRequest.toNumber("alice", "+12065550177", "Hi Sam"));
        assertEquals("statements on the opt-outs and credentials for two more sends: " + asked, 0, asked.size());

        nodeB.optOuts.record(stop("zipwhip:in-9"));
        try {
            counted.texting.send(SendRequest.toNumber("alice", DANA, "Are you free Tuesday?"));
            fail("a number that opted out on B was texted");
        } catch (TextingException e) {
            assertEquals(TextingException.Reason.OPTED_OUT, e.reason());
        }
        assertEquals(3, counted.provider.accepted.size());
    }

    /** A node remembers the sets its sends used; a removal on the other node is in force on it when it returns. */
    @Test
    public void credentialsRemovedOnOneNodeAreNotUsedByTheOtherThoughItJustSentWithThem() throws Exception {
        nodeA.texting.send(SendRequest.toNumber("alice", DANA, "Hi Dana"));
        assertEquals("sent with alice's set", List.of("+12065550101"),
                nodeA.provider.accepted.stream().map(t -> t.from()).toList());

        assertTrue(nodeB.vault.remove("zipwhip", "alice"));
        try {
            nodeA.texting.send(SendRequest.toNumber("alice", DANA, "Are you free Tuesday?"));
            fail("A sent with the set B removed");
        } catch (TextingException e) {
            assertEquals(e.getMessage(), TextingException.Reason.NO_CREDENTIALS, e.reason());
        }
        assertEquals(1, nodeA.provider.accepted.size());

        nodeB.vault.save("zipwhip", "2065550102", "+12065550102", "alice", "alice-new-pw");
        nodeA.texting.send(SendRequest.toNumber("alice", DANA, "Are you free Tuesday?"));
        assertEquals("the set saved on B anew", "+12065550102", nodeA.provider.accepted.get(1).from());
    }

    /** {@code db}, noting each statement prepared on it that reads the opt-outs or the credentials. */
    private static TextingDatabase counting(TextingDatabase db, List<String> asked) {
        java.util.function.UnaryOperator<java.sql.Connection> wrap = c -> (java.sql.Connection) java.lang.reflect.Proxy
                .newProxyInstance(CoreTablesAcrossNodesTest.class.getClassLoader(),
                        new Class<?>[] { java.sql.Connection.class }, (proxy, m, args) -> {
                            if (m.getName().equals("prepareStatement") && ((String) args[0]).matches(
                                    "(?s)SELECT.*FROM core_(opt_out|credential)\\b.*")) {
                                asked.add((String) args[0]);
                            }
                            return invoke(c, m, args);
                        });
        return (TextingDatabase) java.lang.reflect.Proxy.newProxyInstance(CoreTablesAcrossNodesTest.class
                .getClassLoader(), new Class<?>[] { TextingDatabase.class }, (proxy, m, args) -> {
                    if (m.getName().equals("connection")) {
                        return wrap.apply((java.sql.Connection) invoke(db, m, args));
                    }
                    if (m.getName().equals("inTransaction")) {
                        org.atstexting.texting.jdbc.SqlWork<?> work = (org.atstexting.texting.jdbc.SqlWork<?>) args[0];
                        return db.inTransaction(c -> work.run(wrap.apply(c)));
                    }
                    return invoke(db, m, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * ... and each call returns no sooner than the one that made the change: a webhook answered by
     * any of them may take the STOP to be in force on every node.
     */
    @Test
    public void theSameStopTakenByBothNodesAtOnceIsRecordedOnceAndChangesTheStateOnce() throws Exception {
        List<Future<long[]>> records = atOnce(() -> timed(nodeA, "zipwhip:in-7"), () -> timed(nodeB, "zipwhip:in-7"),
                () -> timed(nodeA, "zipwhip:in-7"), () -> timed(nodeB, "zipwhip:in-7"));
        int changed = 0;
        long changerReturned = 0;
        List<Long> returned = new java.util.ArrayList<>();
        for (Future<long[]> record : records) {
            long[] r = record.get(60, TimeUnit.SECONDS);
            changed += (int) r[0];
            changerReturned = r[0] == 1 ? r[1] : changerReturned;
            returned.add(r[1]);
        }
        assertEquals("one change, so one confirmation", 1, changed);
        for (long at : returned) {
            long sooner = TimeUnit.NANOSECONDS.toMillis(changerReturned - at);
            assertTrue("a call that found the STOP made returned " + sooner + " ms before its writer", sooner < 10);
        }
        assertEquals("one event in the audit trail", 1, nodeB.optOuts.history(DANA).size());
    }

    /** Whether the call changed the state (1 or 0), and when it returned. */
    private static long[] timed(Core node, String messageKey) {
        boolean changed = node.optOuts.record(stop(messageKey));
        return new long[] { changed ? 1 : 0, System.nanoTime() };
    }

    @Test
    public void theAuditTrailKeepsEveryChangeInOrder() {
        nodeA.optOuts.record(stop("zipwhip:in-1"));
        nodeB.optOuts.record(new OptOutEvent(DANA, OptOutEvent.Kind.OPT_IN, Instant.parse("2026-03-02T10:00:00Z"),
                "START", OptOutEvent.INBOUND_TEXT, "zipwhip:in-2", "alice"));
        nodeA.optOuts.record(stop("zipwhip:in-3"));
        List<OptOutEvent> history = nodeB.optOuts.history(DANA);
        assertEquals(List.of("zipwhip:in-1", "zipwhip:in-2", "zipwhip:in-3"),
                history.stream().map(OptOutEvent::messageKey).toList());
        assertEquals(stop("zipwhip:in-1"), history.get(0));
        assertTrue(nodeB.optOuts.isOptedOut(DANA));
    }

    @Test
    public void aTemplateSavedOnOneNodeIsUsedOnTheOther() throws Exception {
        nodeA.templates.save("admin", "intro", "Hi {{firstName}}, {{recruiterName}} here");
        assertEquals(List.of("firstName", "recruiterName"),
                nodeB.templates.template("alice", "intro").orElseThrow().fields());
        nodeA.templates.save("admin", "intro", "Hello {{firstName}}");
        assertEquals("Hello {{firstName}}", nodeB.templates.template("alice", "intro").orElseThrow().body());
        assertTrue(nodeB.templates.remove("admin", "intro"));
        assertTrue(nodeA.templates.template("alice", "intro").isEmpty());
    }

    private static OptOutEvent stop(String messageKey) {
        return new OptOutEvent(DANA, OptOutEvent.Kind.OPT_OUT, Instant.parse("2026-03-02T09:00:00Z"), "STOP",
                OptOutEvent.INBOUND_TEXT, messageKey, "alice");
    }

    @SafeVarargs
    private static <T> List<Future<T>> atOnce(Callable<T>... work) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(work.length);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> w : work) {
            futures.add(threads.submit(() -> {
                start.await();
                return w.call();
            }));
        }
        start.countDown();
        threads.shutdown();
        return futures;
    }
}
