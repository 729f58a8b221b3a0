package org.atstexting.texting.core.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.testsupport.postgres.TestDatabases.Kind;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Two nodes' memories of the send checks on one database: a node answers from memory only as long
 * as the rule allows, and hears of every change in the end, however it was written.
 */
@RunWith(Parameterized.class)
public class ChangeFeedTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    private static final long FRESH_FOR_MILLIS = 200;
    private static final String DANA = "+12065550123";
    private static final String SAM = "+12065550177";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Kind kind;
    private final AtomicBoolean aBroken = new AtomicBoolean();
    private List<TextingDatabase> databases;
    private TextingDatabase dbB;
    private ChangeFeed a;
    private ChangeFeed b;

    public ChangeFeedTest(Kind kind) {
        this.kind = kind;
    }

    @Before
    public void twoNodes() throws Exception {
        databases = TestDatabases.nodes(kind, tmp.newFolder("db").toPath(), 4);
        dbB = databases.get(1);
        a = new CoreStore(breakable(databases.get(0)), FRESH_FOR_MILLIS).changes();
        b = new CoreStore(dbB, FRESH_FOR_MILLIS).changes();
    }

    @Test
    public void aConfirmedChangeIsInForceOnTheOtherNodeTheMomentTheConfirmationReturns() throws Exception {
        assertEquals(Boolean.FALSE, a.optedOut(DANA)); // A's memory is fresh now
        long saved = optOut(DANA, true);
        b.confirmed(saved);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved);
        assertEquals("A refuses at once", Boolean.TRUE, a.optedOut(DANA));
        assertTrue("the confirmation waited out the memory's " + FRESH_FOR_MILLIS + " ms: " + waited,
                waited >= FRESH_FOR_MILLIS);
        assertEquals("B took it in at once", Boolean.TRUE, b.optedOut(DANA));
    }

    /** An interrupt (a component stopping) must not let a writer say "in force everywhere" early. */
    @Test
    public void anInterruptedConfirmationStillWaitsItsWholeTimeAndKeepsTheInterrupt() throws Exception {
        long saved = optOut(DANA, true);
        Thread.currentThread().interrupt();
        b.confirmed(saved);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved);
        assertTrue("the interrupt is kept", Thread.interrupted());
        assertTrue("waited the memory's " + FRESH_FOR_MILLIS + " ms: " + waited, waited >= FRESH_FOR_MILLIS);
    }

    /**
     * The same STOP at a second node (a retried webhook, a poll) finds it recorded while its first
     * writer still waits: the second returns no sooner than the first would have.
     */
    @Test
    public void aWriterThatFindsTheChangeMadeAlreadyReturnsNoSoonerThanItsWriter() throws Exception {
        long saved = optOut(DANA, true); // the first writer: committed, and not yet done waiting
        a.alreadyInForce(DANA);
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - saved);
        assertTrue("waited the memory's " + FRESH_FOR_MILLIS + " ms since the change: " + waited,
                waited >= FRESH_FOR_MILLIS);
        assertEquals(Boolean.TRUE, a.optedOut(DANA));
    }

    /** Found again long after (a second STOP days later), a change is in force everywhere: no wait. */
    @Test
    public void aChangeFoundAgainLongAfterItWasMadeReturnsAtOnce() throws Exception {
        ChangeFeed patient = new ChangeFeed(dbB, 2_000);
        optOut(DANA, true);
        assertEquals(Boolean.TRUE, patient.optedOut(DANA));
        Thread.sleep(5_100); // past the longest wait any writer of it could still be in
        long start = System.nanoTime();
        patient.alreadyInForce(DANA);
        patient.alreadyInForce(SAM); // never changed at all
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("no wait of 2,000 ms for changes long in force: " + took, took < 1_000);
    }

    @Test
    public void aChangeWrittenWithoutWaitingReachesTheOtherNodeOnceItsMemoryIsTooOld() throws Exception {
        assertEquals(Boolean.FALSE, a.optedOut(DANA));
        optOut(DANA, true);
        Thread.sleep(FRESH_FOR_MILLIS + 20);
        assertEquals(Boolean.TRUE, a.optedOut(DANA));

        optOut(DANA, false);
        Thread.sleep(FRESH_FOR_MILLIS + 20);
        assertEquals("opted in again", Boolean.FALSE, a.optedOut(DANA));
    }

    @Test
    public void aNodeWhoseUnreadChangesWerePrunedReadsTheStateWhole() throws Exception {
        assertEquals(Boolean.FALSE, a.optedOut(DANA));
        optOut(DANA, true);
        try (Connection c = dbB.connection(); PreparedStatement prune = c.prepareStatement("DELETE FROM core_change")) {
            prune.executeUpdate(); // as if more than ChangeLog.KEPT changes had come since A's last look
        }
        optOut(SAM, true);
        Thread.sleep(FRESH_FOR_MILLIS + 20);
        assertEquals("the change A never read", Boolean.TRUE, a.optedOut(DANA));
        assertEquals(Boolean.TRUE, a.optedOut(SAM));
    }

    @Test
    public void aNodeThatCannotReadTheLogStopsAnsweringFromMemory() throws Exception {
        assertEquals(Boolean.FALSE, a.optedOut(DANA));
        aBroken.set(true);
        Thread.sleep(FRESH_FOR_MILLIS + 20);
        assertNull("no answer from a memory too old to trust", a.optedOut(DANA));
        aBroken.set(false);
        optOut(DANA, true);
        assertEquals("back once the log can be read", Boolean.TRUE, a.optedOut(DANA));
    }

    @Test
    public void aCredentialChangeOnTheOtherNodeMovesTheGeneration() throws Exception {
        a.optedOut(DANA);
        long before = a.credentialsGeneration();
        dbB.inTransaction(c -> {
            ChangeLog.record(c, ChangeLog.Kind.CREDENTIALS, "alice");
            return null;
        });
        Thread.sleep(FRESH_FOR_MILLIS + 20);
        a.optedOut(DANA);
        assertNotEquals(before, a.credentialsGeneration());
    }

    @Test
    public void withNoMemoryEverySendReadsTheDatabaseAndNothingWaits() throws Exception {
        ChangeFeed off = new CoreStore(dbB, 0).changes();
        assertNull(off.optedOut(DANA));
        long saved = optOut(DANA, true);
        off.confirmed(saved);
        assertTrue("no wait without memory", System.nanoTime() - saved < TimeUnit.MILLISECONDS.toNanos(
                FRESH_FOR_MILLIS));
    }

    /** The console's setting applies to the next send, without a restart of the store or anything using it. */
    @Test
    public void aNewMemoryTimeAppliesToTheNextAnswer() throws Exception {
        CoreStore store = new CoreStore(dbB, FRESH_FOR_MILLIS);
        assertEquals(Boolean.FALSE, store.changes().optedOut(DANA));
        org.atstexting.texting.core.internal.Fixtures.Config off = new org.atstexting.texting.core.internal.Fixtures.Config();
        off.sendCheckMemoryMillis = 0;
        store.modified(off);
        assertNull("memory off: the database answers", store.changes().optedOut(DANA));
        off.sendCheckMemoryMillis = 300;
        store.modified(off);
        assertEquals(Boolean.FALSE, store.changes().optedOut(DANA));
    }

    @Test
    public void aNodeWithMoreOptedOutNumbersThanItMayKeepAnswersFromTheDatabase() throws Exception {
        ChangeFeed small = new ChangeFeed(dbB, FRESH_FOR_MILLIS, 2);
        optOut(DANA, true);
        optOut(SAM, true);
        assertEquals("two fit", Boolean.TRUE, small.optedOut(SAM));
        optOut("+12065550188", true);
        Thread.sleep(FRESH_FOR_MILLIS + 20);
        assertNull("a third does not: the database answers", small.optedOut(SAM));
        ChangeFeed loadedLater = new ChangeFeed(dbB, FRESH_FOR_MILLIS, 2);
        assertNull("nor when read whole", loadedLater.optedOut(SAM));
    }

    /** Versions are handed out in commit order with no gap, however many nodes write at once. */
    @Test
    public void changesRecordedAtOnceOnTwoNodesGetEveryVersionOnce() throws Exception {
        assertEquals(Boolean.FALSE, a.optedOut("+12065550203")); // A has looked: it reads what follows from the log
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            TextingDatabase db = databases.get(2 + w % 2); // two more nodes
            String item = "+1206555020" + w;
            writers.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < 25; i++) {
                    db.inTransaction(c -> {
                        ChangeLog.record(c, ChangeLog.Kind.OPT_OUT, item);
                        return null;
                    });
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        List<Long> versions = new ArrayList<>();
        try (Connection c = dbB.connection(); PreparedStatement select = c.prepareStatement(
                "SELECT version FROM core_change ORDER BY version"); ResultSet row = select.executeQuery()) {
            while (row.next()) {
                versions.add(row.getLong(1));
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long v = 1; v <= 100; v++) {
            expected.add(v);
        }
        assertEquals(expected, versions);
        Thread.sleep(FRESH_FOR_MILLIS + 20);
        assertEquals("A applied the 100 changes", Boolean.TRUE, a.optedOut("+12065550203"));
        assertEquals(Boolean.FALSE, a.optedOut("+12065550209"));
    }

    /** Writes a number's state and its change, as a writer that does not wait for confirmation would. */
    private long optOut(String number, boolean optedOut) throws SQLException {
        dbB.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO core_opt_out (number, opted_out) VALUES (?, FALSE) ON CONFLICT DO NOTHING")) {
                insert.setString(1, number);
                insert.executeUpdate();
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE core_opt_out SET opted_out = ? WHERE number = ?")) {
                update.setBoolean(1, optedOut);
                update.setString(2, number);
                update.executeUpdate();
            }
            ChangeLog.record(c, optedOut ? ChangeLog.Kind.OPT_OUT : ChangeLog.Kind.OPT_IN, number);
            return null;
        });
        return System.nanoTime();
    }

    /** {@code db}, refusing connections while {@link #aBroken} is set: a node cut off from the database. */
    private TextingDatabase breakable(TextingDatabase db) {
        return (TextingDatabase) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { TextingDatabase.class }, (proxy, m, args) -> {
                    if (aBroken.get() && (m.getName().equals("connection") || m.getName().equals("inTransaction"))) {
                        throw new SQLException("connection refused (the test cut this node off)");
                    }
                    try {
                        return m.invoke(db, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
