package org.atstexting.texting.core.internal.bulk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.atstexting.texting.BulkEvents;
import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.BulkRecipient.State;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.MissingMergeFieldException;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.core.internal.HistoryProvider;
import org.atstexting.texting.core.internal.TestStores;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.spi.InboundText;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BulkTextingTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Core core;

    @Before
    public void setUp() throws Exception {
        core = new Core(tmp.getRoot().toPath());
        core.records.with("employee:1", "Dana Candidate", "+12065550123")
                .with("contact:2", "Gus Employer", "(206) 555-0123") // Dana's number, typed differently
                .with("employee:3", "Eli Candidate", "+12065550124")
                .with("employee:4", "No Phone", null)
                .with("employee:5", "Bad Phone", "12345")
                .with("employee:6", "Fran Candidate", "+12065550126")
                .with("employee:7", "Opted Out", "+12065550127");
    }

    private static List<RecordRef> refs(String... refs) {
        return java.util.Arrays.stream(refs).map(RecordRef::parse).toList();
    }

    private List<RecordRef> everyone() {
        return refs("employee:1", "contact:2", "employee:3", "employee:4", "employee:5", "employee:404", "employee:6",
                "employee:7", "employee:3");
    }

    @Test
    public void dedupesAndSkipsEachIneligibleRecipientWithAReason() throws Exception {
        core.optOuts.optOut("admin", "+12065550127", "called in");
        BulkJob job = core.bulk.start(BulkRequest.message("alice", everyone(), "Open day on Friday"));
        assertEquals(9, job.total());
        assertEquals(3, job.pending());
        assertEquals(6, job.skipped());

        core.drain();

        List<BulkRecipient> rs = core.bulk.recipients("alice", job.id());
        Map<String, String> outcome = rs.stream().collect(Collectors.toMap(r -> r.index() + " " + r.record(),
                r -> r.state() + (r.reason() == null ? "" : " " + r.reason())));
        assertEquals("SENT", outcome.get("0 employee:1"));
        assertEquals("SKIPPED DUPLICATE_NUMBER", outcome.get("1 contact:2"));
        assertEquals("SENT", outcome.get("2 employee:3"));
        assertEquals("SKIPPED NO_NUMBER", outcome.get("3 employee:4"));
        assertEquals("SKIPPED INVALID_NUMBER", outcome.get("4 employee:5"));
        assertEquals("SKIPPED RECORD_NOT_FOUND", outcome.get("5 employee:404"));
        assertEquals("SENT", outcome.get("6 employee:6"));
        assertEquals("SKIPPED OPTED_OUT", outcome.get("7 employee:7"));
        assertEquals("SKIPPED DUPLICATE_NUMBER", outcome.get("8 employee:3"));
        assertEquals(List.of("+12065550123", "+12065550124", "+12065550126"), core.provider.recipients());
        assertNotNull(rs.get(0).messageKey());
        assertEquals(RecordRef.parse("employee:1"), core.archive.origins.get(0));

        BulkJob done = core.bulk.job("alice", job.id());
        assertEquals(BulkJob.State.DONE, done.state());
        assertEquals(3, done.sent());
        assertEquals(0, done.pending());
        assertEquals(1, core.events(BulkEvents.STARTED).size());
        assertEquals(9, core.events(BulkEvents.RECIPIENT).size());
        assertEquals(1, core.events(BulkEvents.FINISHED).size());
        assertEquals(3, core.events(BulkEvents.FINISHED).get(0).getProperty(BulkEvents.SENT));
    }

    @Test
    public void aJobStartedOnAnInstanceBeingReplacedIsRefusedNotLeftWithoutAWorker() throws Exception {
        // SCR replaces the component: the old instance stops, the new one loads the running jobs,
        // and a caller still holding the old service object starts a job on it
        org.atstexting.texting.core.internal.bulk.BulkTexting old = core.bulk;
        old.stop();
        core.bulk = core.newBulk();
        try {
            old.start(BulkRequest.message("alice", refs("employee:1"), "Open day on Friday"));
            fail("no worker runs a job stored by a stopped instance");
        } catch (TextingException e) {
            assertEquals(Reason.SERVICE_UNAVAILABLE, e.reason());
        }
        assertEquals("a refused start stores nothing", 0, storedJobs());

        core.bulk.start(BulkRequest.message("alice", refs("employee:1"), "Open day on Friday"));
        core.drain();
        assertEquals("texted once, by the instance that runs", List.of("+12065550123"), core.provider.recipients());
    }

    @Test
    public void aNumberThatOptsOutDuringTheJobIsSkipped() throws Exception {
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:3"), "Hi"));
        core.recorder.received("zipwhip", new InboundText("in-1", "+12065550124", "+12065550101", "stop",
                Instant.now()));
        core.provider.accepted.clear(); // the confirmation
        core.drain();
        assertEquals(List.of("+12065550123"), core.provider.recipients());
        assertEquals(State.SKIPPED, core.bulk.recipients("alice", job.id()).get(1).state());
        assertEquals("OPTED_OUT", core.bulk.recipients("alice", job.id()).get(1).reason());
    }

    @Test
    public void templatesAreFilledInPerRecipientAndAMissingFieldRefusesTheWholeJob() throws Exception {
        core.templates.save("admin", "intro", "Hi {{firstName}}, {{recruiterFirstName}} here");
        BulkJob job = core.bulk.start(BulkRequest.template("alice", refs("employee:1", "employee:3"), "intro"));
        core.drain();
        assertEquals(List.of("Hi Dana, Alice here", "Hi Eli, Alice here"), core.provider.bodies());
        assertEquals(BulkJob.State.DONE, core.bulk.job("alice", job.id()).state());

        core.templates.save("admin", "full", "Hi {{firstName}} {{lastName}}");
        core.records.with("employee:8", "Cher", "+12065550128");
        try {
            core.bulk.start(BulkRequest.template("alice", refs("employee:6", "employee:8"), "full"));
            fail("Cher has no last name");
        } catch (MissingMergeFieldException e) {
            assertEquals("lastName", e.field());
            assertEquals(RecordRef.parse("employee:8"), e.record());
        }
        core.drain();
        assertEquals("nothing more sent, not even to Fran", 2, core.provider.accepted.size());
        assertEquals(1, core.bulk.jobs("alice").size());
    }

    @Test
    public void refusesUsersWithoutCanTextOrCredentialsBeforeStoringAnything() throws Exception {
        for (String user : List.of("bob", "admin")) {
            try {
                core.bulk.start(BulkRequest.message(user, refs("employee:1"), "Hi"));
                fail(user);
            } catch (TextingException e) {
                assertEquals(user, "bob".equals(user) ? Reason.NOT_PERMITTED : Reason.NO_CREDENTIALS, e.reason());
            }
        }
        assertEquals(0, storedJobs());
    }

    @Test
    public void sendsNoFasterThanTheConfiguredRate() throws Exception {
        core.config.bulkSendsPerSecond = 2;
        core.bulk = core.newBulk();
        core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:3", "employee:6"), "Hi"));
        Instant start = core.clock.now;
        List<Instant> sentAt = new ArrayList<>();
        int sentBefore = 0;
        for (int i = 0; i < 20 && core.provider.accepted.size() < 3; i++) {
            Instant next = core.bulk.step();
            if (core.provider.accepted.size() > sentBefore) {
                sentBefore = core.provider.accepted.size();
                sentAt.add(core.clock.now);
            }
            if (next != null) {
                core.clock.now = next;
            }
        }
        assertEquals(List.of(start, start.plusMillis(500), start.plusMillis(1000)), sentAt);
    }

    @Test
    public void outsideQuietHoursTheJobWaitsAndSendsWhenTheWindowOpens() throws Exception {
        core.clock.now = Instant.parse("2026-03-02T21:30:00Z"); // 21:30 UTC, the configured zone
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:3"), "Hi"));

        Instant next = core.bulk.step();
        assertEquals(Instant.parse("2026-03-03T08:00:00Z"), next);
        assertEquals("nothing at night", List.of(), core.provider.accepted);
        assertEquals(Instant.parse("2026-03-03T08:00:00Z"), core.bulk.job("alice", job.id()).waitingUntil());
        assertEquals(1, core.events(BulkEvents.WAITING).size());
        assertEquals(BulkJob.State.RUNNING, core.bulk.job("alice", job.id()).state());

        core.clock.now = Instant.parse("2026-03-03T07:59:59Z");
        core.drain();
        assertEquals(List.of(), core.provider.accepted);
        core.clock.now = Instant.parse("2026-03-03T08:00:00Z");
        core.drain();
        assertEquals(2, core.provider.accepted.size());
        assertNull(core.bulk.job("alice", job.id()).waitingUntil());
    }

    @Test
    public void quietHoursAreReadInTheRecipientsZoneWhereTheHostGivesOne() throws Exception {
        RecordRef honolulu = RecordRef.parse("employee:90");
        core.records.records.put(honolulu, new HostRecord(honolulu, "Ola Candidate", "+12065550190",
                Map.of("timeZone", "Pacific/Honolulu")));
        core.clock.now = Instant.parse("2026-03-02T21:30:00Z"); // night in UTC (configured), 11:30 in Honolulu
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:90"), "Hi"));

        core.bulk.step();
        core.bulk.step();
        assertEquals("only the recipient whose local day it is", List.of("+12065550190"), core.provider.recipients());
        assertEquals(Instant.parse("2026-03-03T08:00:00Z"), core.bulk.job("alice", job.id()).waitingUntil());
    }

    @Test
    public void aTextUnderWayAtACrashThatTheProviderTookIsNotSentAgain() throws Exception {
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:3", "employee:6"), "Hi"));
        core.bulk.step(); // employee:1 sent
        crashDuringSendOf(job, 1, true);

        core.restart();
        core.drain();

        assertEquals("each once", List.of("+12065550123", "+12065550124", "+12065550126"), core.provider.recipients());
        List<BulkRecipient> rs = core.bulk.recipients("alice", job.id());
        assertTrue(rs.stream().allMatch(r -> r.state() == State.SENT));
        assertEquals("the key of the text the provider took", "zipwhip:1001", rs.get(1).messageKey());
        assertEquals(BulkJob.State.DONE, core.bulk.job("alice", job.id()).state());
    }

    @Test
    public void aTextUnderWayAtACrashIsFoundWhenMoreThanAPageOfMessagesCameBeforeAndAfterIt() throws Exception {
        core.provider.pageSize = 50; // the provider stops at 50 items a read and says there is more
        core.poller.pollAll(); // the cursor is set
        othersTextFromTheAccount(120, "before");
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:3"), "Hi"));
        crashDuringSendOf(job, 0, true); // the provider took Dana's text; the answer was lost in the crash
        othersTextFromTheAccount(120, "after");

        core.restart();
        core.drain();

        long toDana = core.provider.recipients().stream().filter("+12065550123"::equals).count();
        assertEquals("Dana texted once", 1, toDana);
        BulkRecipient dana = core.bulk.recipients("alice", job.id()).get(0);
        assertEquals(State.SENT, dana.state());
        assertEquals("the key of the text the provider took", "zipwhip:1120", dana.messageKey());
        assertEquals("every text the provider took: 240 others, Dana's, Eli's", 242, core.provider.accepted.size());
        assertEquals(BulkJob.State.DONE, core.bulk.job("alice", job.id()).state());
    }

    /** Other people send from the account (and get answers) between two polls: a page and more of each. */
    private void othersTextFromTheAccount(int n, String when) throws Exception {
        org.atstexting.texting.spi.ProviderCredentials credentials = core.vault.unlock(
                core.vault.find("zipwhip", "alice").orElseThrow());
        for (int i = 0; i < n; i++) {
            String other = "+1206557" + String.format("%04d", i);
            core.provider.send(credentials, new org.atstexting.texting.spi.OutboundText(other, "Shift " + when + " " + i));
            core.provider.inbound.add(new InboundText(when + "-" + i, other, "+12065550101", "OK " + i, Instant.now()));
        }
    }

    @Test
    public void aTextUnderWayAtACrashThatNeverReachedTheProviderIsSentOnce() throws Exception {
        // the provider declares its look-up (Core's default LookupProvider): "not found" means "not sent"
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:3"), "Hi"));
        crashDuringSendOf(job, 0, false);

        core.restart();
        core.drain();

        assertEquals(List.of("+12065550123", "+12065550124"), core.provider.recipients());
        assertEquals(2, core.bulk.job("alice", job.id()).sent());
    }

    @Test
    public void withoutALookUpAnInterruptedTextIsReportedNotResent() throws Exception {
        // polls that report the sent history are no declaration: only SentTextLookup is
        core = new Core(tmp.newFolder("no-lookup").toPath(), null, new HistoryProvider());
        core.records.with("employee:1", "Dana Candidate", "+12065550123").with("employee:3", "Eli Candidate",
                "+12065550124");
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:3"), "Hi"));
        crashDuringSendOf(job, 0, false);

        core.restart();
        core.drain();

        assertEquals(List.of("+12065550124"), core.provider.recipients());
        BulkRecipient first = core.bulk.recipients("alice", job.id()).get(0);
        assertEquals(State.FAILED, first.state());
        assertEquals("OUTCOME_UNKNOWN", first.reason());
    }

    @Test
    public void aLostAnswerIsLookedUpBeforeAnythingIsSentAgain() throws Exception {
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:3"), "Hi"));
        core.provider.takeThenFail = true; // the provider takes Dana's text, the answer is lost
        core.bulk.step();
        assertEquals(State.SENDING, core.bulk.recipients("alice", job.id()).get(0).state());
        core.clock.now = core.clock.now.plus(Duration.ofSeconds(10));
        core.drain();

        assertEquals(List.of("+12065550123", "+12065550124"), core.provider.recipients());
        assertEquals(State.SENT, core.bulk.recipients("alice", job.id()).get(0).state());
    }

    @Test
    public void aCancelledJobStopsAndTheRestStaysPending() throws Exception {
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs("employee:1", "employee:3"), "Hi"));
        core.bulk.step();
        BulkJob cancelled = core.bulk.cancel("alice", job.id());
        core.drain();
        assertEquals(BulkJob.State.CANCELLED, cancelled.state());
        assertEquals(1, cancelled.pending());
        assertEquals(1, core.provider.accepted.size());
        try {
            core.bulk.job("bob", job.id());
            fail("not bob's");
        } catch (TextingException e) {
            assertEquals(Reason.NOT_PERMITTED, e.reason());
        }
        assertEquals(BulkJob.State.CANCELLED, core.bulk.job("admin", job.id()).state());
    }

    @Test
    public void aThousandRecipientsWithCrashesEveryFewSendsAreEachTextedOnce() throws Exception {
        List<RecordRef> refs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            core.records.with("employee:" + (10_000 + i), "Candidate " + i, "+1206556" + String.format("%04d", i));
            refs.add(RecordRef.parse("employee:" + (10_000 + i)));
        }
        BulkJob job = core.bulk.start(BulkRequest.message("alice", refs, "Open day"));
        java.util.Random random = new java.util.Random(7);
        while (core.bulk.job("alice", job.id()).state() == BulkJob.State.RUNNING) {
            int steps = 1 + random.nextInt(40);
            for (int i = 0; i < steps; i++) {
                Instant next = core.bulk.step();
                if (next != null) {
                    core.clock.now = next;
                }
            }
            if (random.nextBoolean()) {
                // a crash in the middle of a send: the provider took it or not
                List<BulkRecipient> pending = core.bulk.recipients("alice", job.id()).stream()
                        .filter(r -> r.state() == State.PENDING).toList();
                if (!pending.isEmpty()) {
                    crashDuringSendOf(job, pending.get(0).index(), random.nextBoolean());
                }
            }
            core.restart();
        }
        List<String> to = core.provider.recipients();
        assertEquals("every recipient texted", 1000, new HashSet<>(to).size());
        assertEquals("none twice", 1000, to.size());
    }

    /**
     * Leaves a recipient as a crash in the middle of its send would: stored as SENDING, and
     * the provider took the text or not.
     */
    private void crashDuringSendOf(BulkJob job, int index, boolean providerTookIt) throws Exception {
        // the recipient as the worker stores it just before the provider call (node-a's claim)
        String number = TestStores.h2(core.dir).inTransaction(c -> {
            try (java.sql.PreparedStatement s = c.prepareStatement("UPDATE bulk_recipient SET state = 'SENDING', "
                    + "attempt_at = ?, attempts = attempts + 1, claimed_by = 'node-a', claimed_until = "
                    + "CURRENT_TIMESTAMP + INTERVAL '120' SECOND WHERE job_id = ? AND idx = ? AND state = 'PENDING'")) {
                s.setObject(1, org.atstexting.texting.jdbc.TextingDatabase.timestamp(core.clock.now));
                s.setString(2, job.id());
                s.setInt(3, index);
                assertEquals("pending before", 1, s.executeUpdate());
            }
            try (java.sql.PreparedStatement s = c.prepareStatement(
                    "SELECT number FROM bulk_recipient WHERE job_id = ? AND idx = ?")) {
                s.setString(1, job.id());
                s.setInt(2, index);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        if (providerTookIt) {
            core.provider.send(core.vault.unlock(core.vault.find("zipwhip", "alice").orElseThrow()),
                    new org.atstexting.texting.spi.OutboundText(number, job.description()));
        }
    }

    /** How many bulk jobs are stored. */
    private int storedJobs() throws Exception {
        return TestStores.h2(core.dir).inTransaction(c -> {
            try (java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM bulk_job")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }
}
