package org.atstexting.texting.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.MediaItem;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.ArchiveOutcome.Change;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/** The archive on the shared database, on H2 and on PostgreSQL, with one node and with two. */
@RunWith(Parameterized.class)
public class SqlArchiveStoreTest {

    private static final RecordRef DANA = RecordRef.parse("employee:1");
    private static final RecordRef GUS = RecordRef.parse("contact:2");

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    @Parameter
    public TestDatabases.Kind kind;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<RecordMessageArchive> nodes = new ArrayList<>();
    private final RecordMessageArchiveTest.FakeHost host = new RecordMessageArchiveTest.FakeHost();
    private DataSource dataSource;

    @Before
    public void setUp() {
        host.add(DANA, "+12065550123").add(GUS, "+12065550123");
        dataSource = kind == TestDatabases.Kind.H2 ? TestDatabases.h2DataSource(tmp.getRoot().toPath())
                : TestDatabases.postgresDataSource();
    }

    @After
    public void tearDown() {
        nodes.forEach(RecordMessageArchive::stop);
    }

    /** An archive node on the shared database (each node its own TextingDatabase, as each JVM has). */
    private RecordMessageArchive node(RecordMessageArchiveTest.FakeHost records) throws Exception {
        TextingDatabase db = TestDatabases.database(dataSource);
        RecordMessageArchive archive = new RecordMessageArchive(new SqlArchiveStore(db));
        if (records != null) {
            archive.bindRecords(records);
        }
        nodes.add(archive);
        return archive;
    }

    @Test
    public void textsStatusesFailuresAndMediaAreKeptInTheDatabase() throws Exception {
        RecordMessageArchive archive = node(host);
        DeliveryFailure blocked = new DeliveryFailure(DeliveryFailure.Reason.BLOCKED, "30007", "Carrier violation");
        List<MediaItem> media = List.of(new MediaItem("https://example.com/a.png", "image/png"));
        TextMessage sent = new TextMessage("twilio", "SM1", Direction.OUTBOUND, "+12065550101", "+12065550123", "Hi €",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), "alice", DeliveryStatus.QUEUED, null, media);
        List<ArchiveOutcome> outcomes = await(archive.archive(List.of(ArchiveItem.text(sent, DANA),
                ArchiveItem.status(sent.key(), DeliveryStatus.FAILED, blocked),
                ArchiveItem.status(sent.key(), DeliveryStatus.SENT, null))));
        assertEquals(List.of(Change.NEW, Change.STATUS_MOVED, Change.UNCHANGED),
                outcomes.stream().map(ArchiveOutcome::change).toList());
        assertEquals(blocked, host.on(DANA).get("twilio:SM1").failure());

        RecordMessageArchive restarted = node(null); // another node, or this one after a restart
        TextMessage kept = restarted.find("twilio:SM1").orElseThrow();
        assertEquals(DeliveryStatus.FAILED, kept.status());
        assertEquals(blocked, kept.failure());
        assertEquals(media, kept.media());
        assertEquals("Hi €", kept.body());
        assertEquals(sent.timestamp(), kept.timestamp());
    }

    @Test
    public void theSameWebhookAtTwoNodesIsArchivedAndAnnouncedOnce() throws Exception {
        RecordMessageArchive a = node(host);
        RecordMessageArchive b = node(host);
        List<CompletableFuture<List<ArchiveOutcome>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            TextMessage reply = new TextMessage("zipwhip", "r" + i, Direction.INBOUND, "+12065550123", "+12065550101",
                    "Yes " + i, Instant.now(), "alice", DeliveryStatus.RECEIVED);
            answers.add(a.archive(List.of(ArchiveItem.text(reply, null))).toCompletableFuture());
            answers.add(b.archive(List.of(ArchiveItem.text(reply, null))).toCompletableFuture());
        }
        long fresh = 0;
        for (CompletableFuture<List<ArchiveOutcome>> answer : answers) {
            fresh += answer.get(30, TimeUnit.SECONDS).stream().filter(o -> o.change() == Change.NEW).count();
        }
        assertEquals("each text is new at exactly one node", 50, fresh);
        assertEquals(50, host.on(DANA).size());
        assertEquals(50, host.on(GUS).size());
    }

    @Test
    public void theSameStatusAtTwoNodesMovesTheTextOnce() throws Exception {
        RecordMessageArchive a = node(host);
        RecordMessageArchive b = node(host);
        for (int i = 0; i < 20; i++) {
            await(a.archive(List.of(ArchiveItem.text(new TextMessage("zipwhip", "s" + i, Direction.OUTBOUND,
                    "+12065550101", "+12065550123", "Hi", Instant.now(), "alice", DeliveryStatus.SENT), DANA))));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<ArchiveOutcome>>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ArchiveItem delivered = ArchiveItem.status("zipwhip:s" + i, DeliveryStatus.DELIVERED, null);
            answers.add(a.archive(List.of(delivered)).toCompletableFuture());
            answers.add(b.archive(List.of(delivered)).toCompletableFuture());
        }
        start.countDown();
        long moved = 0;
        for (CompletableFuture<List<ArchiveOutcome>> answer : answers) {
            moved += answer.get(30, TimeUnit.SECONDS).stream().filter(o -> o.change() == Change.STATUS_MOVED).count();
        }
        assertEquals("each status is announced by one node", 20, moved);
        assertTrue(host.on(DANA).values().stream().allMatch(m -> m.status() == DeliveryStatus.DELIVERED));
    }

    @Test
    public void pendingAndUnmatchedTextsAreInTheDatabase() throws Exception {
        RecordMessageArchive away = node(null); // the host's record service is missing on this node
        TextMessage waiting = new TextMessage("zipwhip", "w1", Direction.INBOUND, "+12065550123", "+12065550101",
                "later", Instant.now(), "alice", DeliveryStatus.RECEIVED);
        assertEquals(List.of(), await(away.archive(List.of(ArchiveItem.text(waiting, null)))).get(0).records());

        RecordMessageArchive other = node(host);
        other.deliverPending();
        assertEquals("another node hands it over", 1, host.on(DANA).size());

        TextMessage stranger = new TextMessage("zipwhip", "u1", Direction.INBOUND, "+12065550199", "+12065550101",
                "who is this", Instant.now(), "alice", DeliveryStatus.RECEIVED);
        await(other.archive(List.of(ArchiveItem.text(stranger, null))));
        assertEquals(List.of("zipwhip:u1"), away.unmatched().stream().map(TextMessage::key).toList());
        assertTrue(other.assign("zipwhip:u1", GUS));
        assertTrue(away.unmatched().isEmpty());
        assertEquals(2, host.on(GUS).size());
    }

    /**
     * A page is one transaction: when the database fails after the page's claim wrote the text
     * (here: its status event cannot be written), nothing of the page stays, so the text is new, and
     * announced, when it comes again. With the claim committed on its own the text stayed behind
     * as pending, and coming again it was "unchanged": its news was never announced.
     */
    @Test
    public void aPageTheDatabaseFailsLeavesNothingAndItsTextIsNewWhenItComesAgain() throws Exception {
        FailingStatement db = new FailingStatement(TestDatabases.database(dataSource),
                "INSERT INTO archive_status_event");
        RecordMessageArchive archive = new RecordMessageArchive(new SqlArchiveStore(db));
        archive.bindRecords(host);
        nodes.add(archive);
        TextMessage reply = new TextMessage("zipwhip", "f1", Direction.INBOUND, "+12065550123", "+12065550101",
                "Yes", Instant.now(), "alice", DeliveryStatus.RECEIVED);
        db.failing = true;
        try {
            await(archive.archive(List.of(ArchiveItem.text(reply, null))));
            org.junit.Assert.fail("the page's failure is the caller's answer");
        } catch (java.util.concurrent.ExecutionException expected) {
            // nothing of the page is recorded
        }
        assertEquals("nothing of the failed page is stored", java.util.Optional.empty(), archive.find("zipwhip:f1"));
        db.failing = false;
        List<ArchiveOutcome> again = await(archive.archive(List.of(ArchiveItem.text(reply, null))));
        assertEquals(Change.NEW, again.get(0).change());
        assertEquals(List.of(DANA, GUS).stream().sorted(java.util.Comparator.comparing(RecordRef::toString)).toList(),
                again.get(0).records().stream().sorted(java.util.Comparator.comparing(RecordRef::toString)).toList());
        assertEquals("the host has it once", 1, host.on(DANA).size());
    }

    /**
     * A new text is written where it ends up by its claim: when the host takes it on the records
     * it named, the page updates no text (it used to write each text twice, pending, then
     * attached). Only a text the host did not take as expected is written again.
     */
    @Test
    public void aNewTextTheHostTakesAsExpectedIsWrittenOnce() throws Exception {
        FailingStatement db = new FailingStatement(TestDatabases.database(dataSource), "UPDATE archive_text");
        SqlArchiveStore store = new SqlArchiveStore(db);
        RecordMessageArchive archive = new RecordMessageArchive(store);
        archive.bindRecords(host);
        nodes.add(archive);
        List<ArchiveItem> page = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            page.add(ArchiveItem.text(new TextMessage("zipwhip", "once" + i, Direction.INBOUND, "+12065550123",
                    "+12065550101", "Yes " + i, Instant.now(), "alice", DeliveryStatus.RECEIVED), null));
        }
        List<ArchiveOutcome> outcomes = await(archive.archive(page));
        assertTrue(outcomes.stream().allMatch(o -> o.change() == Change.NEW && o.records().size() == 2));
        assertEquals("no text written twice", 0, db.prepared.get());
        assertEquals(20, host.on(DANA).size());
        ArchiveStore.Stored stored = store.find("zipwhip:once7").orElseThrow();
        assertEquals(ArchiveStore.Place.ATTACHED, stored.place());
        assertEquals(java.util.Set.of(DANA, GUS), java.util.Set.copyOf(stored.entry().recordRefs()));
    }

    /**
     * A page of texts claims before it looks: a new text costs no look-up, and only a text the
     * claim found stored already (a webhook brought it first) is read, then applied as a page that
     * looked first would have: forward only, announced once.
     */
    @Test
    public void aPageOfTextsLooksUpOnlyTheTextsStoredAlready() throws Exception {
        FailingStatement db = new FailingStatement(TestDatabases.database(dataSource), "SELECT");
        RecordMessageArchive archive = new RecordMessageArchive(new SqlArchiveStore(db));
        archive.bindRecords(host);
        nodes.add(archive);
        TextMessage first = new TextMessage("zipwhip", "w1", Direction.OUTBOUND, "+12065550101", "+12065550123", "Hi",
                Instant.now(), "alice", DeliveryStatus.SENT);
        assertEquals(Change.NEW, await(archive.archive(List.of(ArchiveItem.text(first, DANA)))).get(0).change());
        assertEquals("a new text is not looked up", 0, db.prepared.get());

        TextMessage second = new TextMessage("zipwhip", "w2", Direction.OUTBOUND, "+12065550101", "+12065550123",
                "Hi", Instant.now(), "alice", DeliveryStatus.QUEUED);
        List<ArchiveOutcome> late = await(archive.archive(List.of(
                ArchiveItem.text(first.withStatus(DeliveryStatus.QUEUED, null), DANA), ArchiveItem.text(second, DANA))));
        assertEquals(List.of(Change.UNCHANGED, Change.NEW), late.stream().map(ArchiveOutcome::change).toList());
        assertEquals("the late copy's older status changes nothing", DeliveryStatus.SENT, late.get(0).message().status());
        assertEquals("only the text stored already was read", 1, db.prepared.get());

        assertEquals(Change.STATUS_MOVED, await(archive.archive(List.of(ArchiveItem.text(
                first.withStatus(DeliveryStatus.DELIVERED, null), DANA)))).get(0).change());
        assertEquals(DeliveryStatus.DELIVERED, host.on(DANA).get("zipwhip:w1").status());
        assertEquals(DeliveryStatus.DELIVERED, node(null).find("zipwhip:w1").orElseThrow().status());
        assertEquals(2, host.on(DANA).size());
    }

    /** The host named a record but refused it at the hand-over (deleted meanwhile): the text is unmatched. */
    @Test
    public void aRecordTheHostNamedButRefusedLeavesTheTextUnmatched() throws Exception {
        RecordMessageArchiveTest.FakeHost deleting = new RecordMessageArchiveTest.FakeHost() {
            @Override
            public synchronized boolean attach(RecordRef ref, TextMessage message) {
                super.attach(ref, message);
                return false; // the record went between the look-up and the attach
            }
        };
        deleting.add(DANA, "+12065550123");
        RecordMessageArchive archive = node(deleting);
        TextMessage reply = new TextMessage("zipwhip", "gone1", Direction.INBOUND, "+12065550123", "+12065550101",
                "Yes", Instant.now(), "alice", DeliveryStatus.RECEIVED);
        assertEquals(List.of(), await(archive.archive(List.of(ArchiveItem.text(reply, null)))).get(0).records());
        assertEquals(List.of("zipwhip:gone1"), archive.unmatched().stream().map(TextMessage::key).toList());
    }

    /**
     * The host answered which records, then failed at the hand-over: the text waits as pending
     * with no records (the claim had written it as attached), and goes on both records once the
     * host is back.
     */
    @Test
    public void aHostFailingAtTheHandOverLeavesTheTextPendingUntilItIsBack() throws Exception {
        RecordMessageArchiveTest.FakeHost flaky = new RecordMessageArchiveTest.FakeHost() {
            private boolean attachFails = true;

            @Override
            public synchronized List<Boolean> attachAll(List<org.atstexting.texting.host.Attachment> attachments) {
                if (attachFails) {
                    attachFails = false;
                    throw new IllegalStateException("host database down");
                }
                return super.attachAll(attachments);
            }
        };
        flaky.add(DANA, "+12065550123").add(GUS, "+12065550123");
        SqlArchiveStore store = new SqlArchiveStore(TestDatabases.database(dataSource));
        RecordMessageArchive archive = new RecordMessageArchive(store);
        archive.bindRecords(flaky);
        nodes.add(archive);
        TextMessage reply = new TextMessage("zipwhip", "later1", Direction.INBOUND, "+12065550123", "+12065550101",
                "Yes", Instant.now(), "alice", DeliveryStatus.RECEIVED);
        await(archive.archive(List.of(ArchiveItem.text(reply, null))));
        ArchiveStore.Stored waiting = store.find("zipwhip:later1").orElseThrow();
        assertEquals(ArchiveStore.Place.PENDING, waiting.place());
        assertEquals(List.of(), waiting.entry().recordRefs());
        assertEquals(0, flaky.on(DANA).size());
        archive.deliverPending();
        assertEquals(ArchiveStore.Place.ATTACHED, store.find("zipwhip:later1").orElseThrow().place());
        assertEquals(1, flaky.on(DANA).size());
        assertEquals(1, flaky.on(GUS).size());
    }

    /**
     * The shared database, except that while {@code failing} no statement starting with
     * {@code refused} can be prepared in a transaction; counts the statements that start so.
     */
    private static final class FailingStatement implements TextingDatabase {
        private final TextingDatabase db;
        private final String refused;
        volatile boolean failing;
        final java.util.concurrent.atomic.AtomicInteger prepared = new java.util.concurrent.atomic.AtomicInteger();

        FailingStatement(TextingDatabase db, String refused) {
            this.db = db;
            this.refused = refused;
        }

        @Override
        public <T> T inTransaction(org.atstexting.texting.jdbc.SqlWork<T> work) throws java.sql.SQLException {
            return db.inTransaction(c -> work.run((java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] { java.sql.Connection.class }, (proxy, m, args) -> {
                        if (m.getName().equals("prepareStatement") && ((String) args[0]).startsWith(refused)) {
                            prepared.incrementAndGet();
                            if (failing) {
                                throw new java.sql.SQLException("connection lost", "08006");
                            }
                        }
                        try {
                            return m.invoke(c, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    })));
        }

        @Override
        public java.sql.Connection connection() throws java.sql.SQLException {
            return db.connection();
        }

        @Override
        public void migrate(String schema, List<java.net.URL> scripts) throws java.sql.SQLException {
            db.migrate(schema, scripts);
        }

        @Override
        public String product() {
            return db.product();
        }
    }

    private static List<ArchiveOutcome> await(java.util.concurrent.CompletionStage<List<ArchiveOutcome>> answer)
            throws Exception {
        return answer.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
