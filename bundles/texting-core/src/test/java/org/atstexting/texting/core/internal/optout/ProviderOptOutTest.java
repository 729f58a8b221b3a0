package org.atstexting.texting.core.internal.optout;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OptOutMirror;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Opt-outs a provider keeps on its own list, both ways: its news enters the registry, the registry's news reaches it. */
public class ProviderOptOutTest {

    private static final String DANA = "+12065550123";
    private static final String ACCOUNT = "+12065550101";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Core core;
    private OptOutMirrors mirrors;
    private final MirrorProvider textus = new MirrorProvider();

    /** A provider with its own opt-out list; records what it was told, with whose credentials. */
    static final class MirrorProvider implements TextingProvider, OptOutMirror {
        final List<String> calls = new ArrayList<>();

        @Override
        public void mirrorOptOut(ProviderCredentials credentials, String number, String cause) {
            calls.add("out " + number + " as " + credentials.username());
        }

        @Override
        public void mirrorOptIn(ProviderCredentials credentials, String number, String cause) {
            calls.add("in " + number + " as " + credentials.username());
        }

        @Override
        public ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
            throw new ProviderException(ProviderException.Kind.DISABLED, "not used");
        }

        @Override
        public CredentialCheck test(ProviderCredentials credentials) {
            return new CredentialCheck(CredentialCheck.Outcome.OK, "ok");
        }

        @Override
        public InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) {
            return new InboundBatch(List.of(), cursor);
        }
    }

    @Before
    public void setUp() throws Exception {
        core = new Core(tmp.getRoot().toPath());
        core.records.with("employee:1", "Dana Candidate", DANA);
        mirrors = new OptOutMirrors(core.optOuts, core.vault, Runnable::run);
        mirrors.bindProvider(textus, Map.of(TextingProvider.PROVIDER_PROPERTY, "textus"));
        mirrors.bindProvider(core.provider, Map.of(TextingProvider.PROVIDER_PROPERTY, "zipwhip"));
    }

    @After
    public void tearDown() {
        mirrors.deactivate();
    }

    @Test
    public void aProviderOptOutRefusesTheNextSendAndTheSameNewsTwiceIsRecordedOnce() throws Exception {
        core.recorder.optedOut("textus", DANA, null, "contact.opted_out");
        core.recorder.optedOut("textus", DANA, null, "contact.opted_out");

        assertTrue(core.optOuts.isOptedOut(DANA));
        List<OptOutEvent> history = core.optOuts.statusOf(DANA).history();
        assertEquals(1, history.size());
        assertEquals(OptOutEvent.PROVIDER, history.get(0).source());
        assertEquals("textus: contact.opted_out", history.get(0).cause());
        int before = core.provider.accepted.size();
        try {
            core.texting.send(SendRequest.toNumber("alice", DANA, "Hi"));
            fail("sent to a number the provider says opted out");
        } catch (TextingException e) {
            assertEquals(Reason.OPTED_OUT, e.reason());
        }
        assertEquals("nothing sent", before, core.provider.accepted.size());
    }

    @Test
    public void aProviderOptInLetsTextsFlowAgainAndAnOptInOfANumberNotOutChangesNothing() throws Exception {
        core.recorder.optedIn("textus", DANA, null, "contact.opted_in");
        assertEquals(0, core.optOuts.statusOf(DANA).history().size());

        core.recorder.optedOut("textus", DANA, ACCOUNT, "contact.opted_out");
        core.recorder.optedIn("textus", DANA, ACCOUNT, "contact.opted_in");
        assertFalse(core.optOuts.isOptedOut(DANA));
        assertEquals(2, core.optOuts.statusOf(DANA).history().size());
    }

    @Test
    public void numbersThatAreNotE164AreIgnored() {
        core.recorder.optedOut("textus", "206-555-0123", null, "contact.opted_out");
        core.recorder.optedOut("textus", null, null, "contact.opted_out");
        assertFalse(core.optOuts.isOptedOut("+12065550123"));
    }

    @Test
    public void aStopTextedThroughAnotherProviderIsWrittenToTheMirrorWithItsSystemCredentials() throws Exception {
        core.vault.save("textus", "ada_admin", ACCOUNT, null, "system-token");
        core.vault.save("textus", "alice_r", ACCOUNT, "alice", "alice-token");

        core.recorder.received("zipwhip", new InboundText("in-1", DANA, ACCOUNT, "STOP", Instant.parse("2026-03-02T15:00:00Z")));
        core.recorder.received("zipwhip", new InboundText("in-2", DANA, ACCOUNT, "START", Instant.parse("2026-03-02T15:01:00Z")));

        assertEquals(List.of("out " + DANA + " as ada_admin", "in " + DANA + " as ada_admin"), textus.calls);
    }

    @Test
    public void withoutSystemCredentialsTheAccountOwnersAreUsedAndAnAdminOptOutIsMirroredToo() throws Exception {
        core.vault.save("textus", "alice_r", ACCOUNT, "alice", "alice-token");

        core.optOuts.optOut("admin", DANA, "called to say stop");

        assertEquals(List.of("out " + DANA + " as alice_r"), textus.calls);
    }

    @Test
    public void whatTheProviderReportedIsNotEchoedBackToIt() throws Exception {
        core.vault.save("textus", "alice_r", ACCOUNT, "alice", "alice-token");

        core.recorder.optedOut("textus", DANA, null, "contact.opted_out");

        assertTrue(core.optOuts.isOptedOut(DANA));
        assertEquals(List.of(), textus.calls);
    }

    @Test
    public void noCredentialsForTheMirrorMeansNoCallAndNoFailure() throws Exception {
        core.optOuts.optOut("admin", DANA, "called to say stop");
        assertTrue(core.optOuts.isOptedOut(DANA));
        assertEquals(List.of(), textus.calls);
    }

    @Test
    public void aGoneProviderIsNotToldAnyMore() throws Exception {
        core.vault.save("textus", "alice_r", ACCOUNT, "alice", "alice-token");
        mirrors.unbindProvider(textus, Map.of(TextingProvider.PROVIDER_PROPERTY, "textus"));

        core.optOuts.optOut("admin", DANA, "called to say stop");
        assertEquals(List.of(), textus.calls);
    }
}
