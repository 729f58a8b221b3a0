package org.atstexting.texting.core.internal.optout;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;

import org.atstexting.texting.Direction;
import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.OptOutStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderException;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class OptOutTest {

    private static final String DANA = "+12065550123";
    private static final String ACCOUNT = "+12065550101";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Core core;
    private int ids = 1;

    @Before
    public void setUp() throws Exception {
        core = new Core(tmp.getRoot().toPath());
        core.records.with("employee:1", "Dana Candidate", DANA).with("contact:2", "Gus Employer", DANA);
    }

    private InboundText text(String body) {
        return new InboundText("in-" + ids++, DANA, ACCOUNT, body, Instant.parse("2026-03-02T15:00:00Z").plusSeconds(ids));
    }

    @Test
    public void stopOptsOutAndIsAnsweredByExactlyOneConfirmationThatTheOptOutDoesNotBlock() throws Exception {
        core.recorder.received("zipwhip", text("  Stop "));

        assertTrue(core.optOuts.isOptedOut(DANA));
        assertEquals("one confirmation", List.of(DANA), core.provider.recipients());
        assertEquals(List.of("You are unsubscribed"), core.provider.bodies());

        core.recorder.received("zipwhip", text("UNSUBSCRIBE")); // already out: kept, not confirmed again
        assertEquals(1, core.provider.accepted.size());
        assertEquals(2, core.optOuts.statusOf(DANA).history().size());
    }

    @Test
    public void everySendToAnOptedOutNumberIsRefusedAndNothingIsSent() throws Exception {
        core.recorder.received("zipwhip", text("STOP"));
        int before = core.provider.accepted.size();

        assertRefused(() -> core.texting.send(SendRequest.toNumber("alice", "(206) 555-0123", "Hi")));
        assertRefused(() -> core.texting.send(SendRequest.fromRecord("alice", RecordRef.parse("contact:2"), "Hi")));
        core.templates.save("admin", "hello", "Hi {{firstName}}");
        assertRefused(() -> core.templates.send("alice", "hello", RecordRef.parse("employee:1"), null));
        assertEquals("nothing sent", before, core.provider.accepted.size());
    }

    @Test
    public void startOptsBackInAndTextsFlowAgain() throws Exception {
        core.recorder.received("zipwhip", text("quit"));
        core.recorder.received("zipwhip", text("START"));

        assertFalse(core.optOuts.isOptedOut(DANA));
        assertEquals(List.of("You are unsubscribed", "You are subscribed again"), core.provider.bodies());
        core.texting.send(SendRequest.toNumber("alice", DANA, "Welcome back"));
        assertEquals(3, core.provider.accepted.size());
    }

    @Test
    public void helpGetsTheHelpReplyEvenWhenOptedOut() {
        core.recorder.received("zipwhip", text("HELP"));
        core.recorder.received("zipwhip", text("STOP"));
        core.clock.now = core.clock.now.plus(java.time.Duration.ofMinutes(11)); // past the help reply interval
        core.recorder.received("zipwhip", text("info"));
        assertEquals(List.of("HELP reply", "You are unsubscribed", "HELP reply"), core.provider.bodies());
        assertTrue(core.optOuts.isOptedOut(DANA));
    }

    @Test
    public void nearMissesChangeNothingAndGoToAPersonOnTheRecord() {
        core.recorder.received("zipwhip", text("Stop. Thank you"));
        core.recorder.received("zipwhip", text("please stop texting"));

        assertFalse(core.optOuts.isOptedOut(DANA));
        assertEquals(List.of(), core.provider.accepted);
        assertEquals("archived like any reply", 2, core.archive.archived.size());
        assertEquals(List.of(), core.optOuts.statusOf(DANA).history());
    }

    @Test
    public void everyChangeIsKeptWithTimeNumberAndTheTextThatCausedIt() throws Exception {
        InboundText stop = text("STOP");
        core.recorder.received("zipwhip", stop);
        core.recorder.record("zipwhip", stop, "alice"); // the poll reads it again: recorded once
        InboundText start = text("Unstop");
        core.recorder.received("zipwhip", start);

        OptOutStatus status = core.optOuts.status("alice", RecordRef.parse("contact:2"));
        assertFalse(status.optedOut());
        assertEquals(start.receivedAt(), status.since());
        List<OptOutEvent> history = status.history();
        assertEquals(2, history.size());
        assertEquals(OptOutEvent.Kind.OPT_OUT, history.get(0).kind());
        assertEquals(DANA, history.get(0).number());
        assertEquals(stop.receivedAt(), history.get(0).at());
        assertEquals("STOP", history.get(0).cause());
        assertEquals("zipwhip:" + stop.providerMessageId(), history.get(0).messageKey());
        assertEquals(OptOutEvent.INBOUND_TEXT, history.get(0).source());
        assertEquals(OptOutEvent.Kind.OPT_IN, history.get(1).kind());
        assertEquals("Unstop", history.get(1).cause());
        // the STOP itself is on the record's conversation, as every inbound text is
        TextMessage archivedStop = core.archive.archived.stream()
                .filter(m -> m.direction() == Direction.INBOUND && m.body().equals("STOP")).findFirst().orElseThrow();
        assertNull("archived by number, on every record with it", core.archive.origins.get(
                core.archive.archived.indexOf(archivedStop)));
    }

    @Test
    public void aProviderRefusalThatSaysOptedOutIsRecordedAsAnOptOut() {
        core.provider.failure = new ProviderException(ProviderException.Kind.REJECTED,
                "Attempt to send to unsubscribed recipient (21610)");
        try {
            core.texting.send(SendRequest.toNumber("alice", DANA, "Hi"));
            fail("refused");
        } catch (TextingException e) {
            assertEquals(Reason.OPTED_OUT, e.reason());
        }
        OptOutStatus status = core.optOuts.statusOf(DANA);
        assertTrue(status.optedOut());
        assertEquals(OptOutEvent.PROVIDER, status.history().get(0).source());
    }

    @Test
    public void adminsRecordOptOutsAndListThemOthersMayNot() throws Exception {
        core.optOuts.optOut("admin", "206-555-0123", "asked on the phone");
        assertEquals(1, core.optOuts.optedOut("admin").size());
        assertEquals("asked on the phone", core.optOuts.optedOut("admin").get(0).history().get(0).cause());
        try {
            core.optOuts.optOut("alice", "206-555-0124", "x");
            fail("not an admin");
        } catch (TextingException e) {
            assertEquals(Reason.NOT_PERMITTED, e.reason());
        }
        try {
            core.optOuts.status("bob", DANA);
            fail("bob may not see texts");
        } catch (TextingException e) {
            assertEquals(Reason.NOT_PERMITTED, e.reason());
        }
    }

    @Test
    public void optOutsSurviveARestart() throws Exception {
        core.recorder.received("zipwhip", text("STOP"));
        core.restart();
        assertTrue(core.optOuts.isOptedOut(DANA));
        assertRefused(() -> core.texting.send(SendRequest.toNumber("alice", DANA, "Hi")));
    }

    private interface Call {
        Object run() throws TextingException;
    }

    private static void assertRefused(Call call) {
        try {
            call.run();
            fail("an opted-out number must be refused");
        } catch (TextingException e) {
            assertEquals(e.getMessage(), Reason.OPTED_OUT, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("START"));
        }
    }
}
