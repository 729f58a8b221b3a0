package org.atstexting.texting.core.internal.schedule;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.ScheduleRequest;
import org.atstexting.texting.ScheduledText;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.core.internal.TestStores;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Scheduled texts and bulk jobs: stored, sent once when due by whichever node claims them, counted at the provider. */
public class ScheduledTextsTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Core core;
    private ScheduledTexts scheduled;

    @Before
    public void setUp() throws Exception {
        core = new Core(tmp.getRoot().toPath());
        core.records.with("employee:1", "Dana Candidate", "+12065550123").with("employee:3", "Eli Candidate",
                "+12065550124");
        scheduled = node("node-a");
    }

    private ScheduledTexts node(String id) {
        return new ScheduledTexts(TestStores.h2(core.dir), core.gate, core.texting, core.bulk, core.records,
                core.config, core.clock, id, false);
    }

    private ScheduledText text(Instant at, String body) throws TextingException {
        return scheduled.schedule(ScheduleRequest.text(at, SendRequest.fromRecord("alice", RecordRef.parse("employee:1"),
                body)));
    }

    @Test
    public void aScheduledTextGoesOnceAtItsTimeAndIsListedUntilThen() throws Exception {
        Instant at = core.clock.now.plusSeconds(3600);
        ScheduledText item = text(at, "Your interview is tomorrow at 10");
        assertEquals(ScheduledText.State.SCHEDULED, scheduled.scheduled("alice").get(0).state());

        scheduled.tick();
        assertEquals("nothing before its time", List.of(), core.provider.recipients());
        core.clock.now = at;
        scheduled.tick();
        scheduled.tick();
        assertEquals("sent once", List.of("+12065550123"), core.provider.recipients());
        ScheduledText sent = scheduled.scheduled("alice").get(0);
        assertEquals(item.id(), sent.id());
        assertEquals(ScheduledText.State.SENT, sent.state());
        assertNotNull("the text's key", sent.outcome());
        core.permissions.canText.add("carol");
        assertEquals("not another user's", List.of(), scheduled.scheduled("carol"));
    }

    @Test
    public void aCancelledTextNeverGoesAndOneThatWentCannotBeCancelled() throws Exception {
        Instant at = core.clock.now.plusSeconds(60);
        ScheduledText first = text(at, "First");
        ScheduledText second = text(at, "Second");
        assertEquals(ScheduledText.State.CANCELLED, scheduled.cancel("alice", first.id()).state());
        core.clock.now = at;
        scheduled.tick();
        assertEquals(List.of("Second"), core.provider.bodies());
        try {
            scheduled.cancel("alice", second.id());
            fail("it went");
        } catch (TextingException e) {
            assertEquals(Reason.INVALID_INPUT, e.reason());
        }
        try {
            core.permissions.canText.add("carol");
            scheduled.cancel("carol", second.id());
            fail("not theirs");
        } catch (TextingException e) {
            assertEquals(Reason.NOT_PERMITTED, e.reason());
        }
    }

    @Test
    public void twoNodesTickingAtOnceSendEachOfFiftyTextsOnce() throws Exception {
        Instant at = core.clock.now.plusSeconds(60);
        for (int i = 0; i < 50; i++) {
            String number = "+1206552" + String.format("%04d", i);
            scheduled.schedule(ScheduleRequest.text(at, SendRequest.toNumber("alice", number, "Reminder " + i)));
        }
        core.clock.now = at;
        ScheduledTexts other = node("node-b");
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (ScheduledTexts n : List.of(scheduled, other)) {
                done.add(nodes.submit(() -> {
                    int sent = 0;
                    for (int round = 0; round < 10; round++) {
                        sent += n.tick();
                    }
                    return sent;
                }));
            }
            assertEquals("every item settled once", 50, done.get(0).get() + done.get(1).get());
        } finally {
            nodes.shutdownNow();
        }
        assertEquals("50 texts", 50, core.provider.recipients().size());
        assertEquals("none twice", 50, new java.util.HashSet<>(core.provider.recipients()).size());
    }

    @Test
    public void aTextDueInQuietHoursWaitsForTheWindow() throws Exception {
        Instant night = Instant.parse("2026-03-02T21:30:00Z"); // the configured zone is UTC, window 08:00-20:00
        text(night, "Good morning");
        core.clock.now = night;
        scheduled.tick();
        assertEquals(List.of(), core.provider.recipients());
        ScheduledText waiting = scheduled.scheduled("alice").get(0);
        assertEquals(ScheduledText.State.SCHEDULED, waiting.state());
        assertEquals(Instant.parse("2026-03-03T08:00:00Z"), waiting.sendAt());
        core.clock.now = waiting.sendAt();
        scheduled.tick();
        assertEquals(List.of("+12065550123"), core.provider.recipients());
    }

    @Test
    public void aScheduledBulkJobStartsOnceUnderTheItemsId() throws Exception {
        Instant at = core.clock.now.plusSeconds(60);
        ScheduledText item = scheduled.schedule(ScheduleRequest.bulk(at, BulkRequest.message("alice",
                List.of(RecordRef.parse("employee:1"), RecordRef.parse("employee:3")), "Open day")));
        core.clock.now = at;
        scheduled.tick();
        ScheduledText started = scheduled.scheduled("alice").get(0);
        assertEquals(ScheduledText.State.SENT, started.state());
        assertEquals(item.id(), started.outcome());
        assertEquals("starting it again is the same job", item.id(),
                core.bulk.startAs(item.id(), BulkRequest.message("alice", List.of(RecordRef.parse("employee:1")),
                        "Open day")).id());
        core.drain();
        assertEquals(BulkJob.State.DONE, core.bulk.job("alice", item.id()).state());
        assertEquals(2, core.provider.recipients().size());
    }

    @Test
    public void aTextADeadNodeWasSendingIsNotSentAgain() throws Exception {
        Instant at = core.clock.now.plusSeconds(60);
        ScheduledText item = text(at, "Hello");
        TestStores.h2(core.dir).inTransaction(c -> {
            try (java.sql.PreparedStatement s = c.prepareStatement("UPDATE schedule_item SET state = 'SENDING', "
                    + "claimed_by = 'dead-node', claimed_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE id = ?")) {
                s.setString(1, item.id());
                return s.executeUpdate();
            }
        });
        core.clock.now = at;
        scheduled.tick();
        assertEquals("not resent blindly", List.of(), core.provider.recipients());
        assertEquals(ScheduledText.State.FAILED, scheduled.scheduled("alice").get(0).state());
    }

    @Test
    public void refusesAUserWithoutCanTextAndABodyTooLongBeforeStoringAnything() throws Exception {
        try {
            scheduled.schedule(ScheduleRequest.text(core.clock.now, SendRequest.toNumber("bob", "+12065550123", "Hi")));
            fail("bob may not text");
        } catch (TextingException e) {
            assertEquals(Reason.NOT_PERMITTED, e.reason());
        }
        try {
            text(core.clock.now, "x".repeat(1601));
            fail("too long");
        } catch (TextingException e) {
            assertEquals(Reason.INVALID_INPUT, e.reason());
        }
        assertEquals(0, scheduled.scheduled("alice").size());
    }

    @Test
    public void theShellSchedulesListsAndCancelsAndRefusesPlainly() throws Exception {
        org.atstexting.texting.core.internal.schedule.ScheduleCommands shell =
                new org.atstexting.texting.core.internal.schedule.ScheduleCommands(scheduled);
        String line = shell.schedule("alice", core.clock.now.plusSeconds(600).toString(), "employee:1", "See", "you");
        String id = line.substring(0, line.indexOf(' '));
        assertEquals(true, shell.scheduled("alice").contains("employee:1: See you"));
        assertEquals(true, shell.unschedule("alice", id).contains("CANCELLED"));
        assertEquals(true, shell.schedule("alice", "tomorrow", "employee:1", "Hi").startsWith("Refused: 'tomorrow'"));
        assertEquals(true, shell.schedule("bob", core.clock.now.toString(), "employee:1", "Hi")
                .startsWith("Refused (NOT_PERMITTED)"));
        core.clock.now = core.clock.now.plusSeconds(600);
        scheduled.tick();
        assertEquals("the cancelled text never went", List.of(), core.provider.recipients());
    }
}
