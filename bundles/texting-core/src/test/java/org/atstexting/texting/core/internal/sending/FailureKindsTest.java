package org.atstexting.texting.core.internal.sending;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.core.internal.LookupProvider;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The core acts on the provider's failure kinds (SPI 1.3), counting what the provider received. */
public class FailureKindsTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Core core;

    @Before
    public void setUp() throws Exception {
        core = new Core(tmp.getRoot().toPath());
        core.records.with("employee:1", "Dana Candidate", "+12065550123");
    }

    @Test
    public void aThrottledBulkSendStaysPendingAndGoesAfterRetryAfterWithoutALookUp() throws Exception {
        BulkJob job = core.bulk.start(BulkRequest.message("alice", List.of(RecordRef.parse("employee:1")), "Hi"));
        Instant retry = core.clock.now.plusSeconds(30);
        core.provider.failure = ProviderException.throttled("429 Too Many Requests", retry);
        int polls = core.provider.fetches;

        assertNull("the worker tried", core.bulk.step());
        BulkRecipient dana = core.bulk.recipients("alice", job.id()).get(0);
        assertEquals("nothing was sent: pending, not under way", BulkRecipient.State.PENDING, dana.state());
        assertEquals("the job waits for the provider's retry-after", retry, core.bulk.step());

        core.provider.failure = null;
        core.clock.now = retry;
        core.drain();
        assertEquals("texted once, after the limit", List.of("+12065550123"), core.provider.recipients());
        assertEquals(BulkRecipient.State.SENT, core.bulk.recipients("alice", job.id()).get(0).state());
        assertEquals("no poll to look the text up", polls, core.provider.fetches);
    }

    @Test
    public void aProviderOptedOutRefusalIsRecordedAndTheNextTextNeverReachesTheProvider() throws Exception {
        // no "21610" in the words: the kind alone says it
        core.provider.failure = ProviderException.optedOut("The recipient unsubscribed from this sender", "X-1");
        try {
            core.texting.send(SendRequest.toNumber("alice", "+12065550123", "Hi"));
            fail("opted out at the provider");
        } catch (TextingException e) {
            assertEquals(Reason.OPTED_OUT, e.reason());
        }
        assertTrue("recorded as an opt-out", core.optOuts.isOptedOut("+12065550123"));

        core.provider.failure = null;
        try {
            core.texting.send(SendRequest.toNumber("alice", "+12065550123", "Hi again"));
            fail("refused by the core now");
        } catch (TextingException e) {
            assertEquals(Reason.OPTED_OUT, e.reason());
        }
        assertEquals("the provider received nothing", List.of(), core.provider.recipients());
    }

    @Test
    public void aDeclaredLookUpResolvesALostAnswerWithoutAPollOrASecondText() throws Exception {
        LookupProvider provider = new LookupProvider();
        provider.reportsHistory = false; // its polls report nothing: the declared look-up alone answers
        Core withLookup = new Core(tmp.newFolder("lookup").toPath(), null, provider);
        withLookup.records.with("employee:1", "Dana Candidate", "+12065550123");
        BulkJob job = withLookup.bulk.start(BulkRequest.message("alice", List.of(RecordRef.parse("employee:1")),
                "Hi"));
        provider.takeThenFail = true; // the provider takes Dana's text, the answer is lost
        withLookup.bulk.step();
        withLookup.clock.now = withLookup.clock.now.plusSeconds(10);
        int polls = provider.fetches;
        withLookup.drain();

        BulkRecipient dana = withLookup.bulk.recipients("alice", job.id()).get(0);
        assertEquals("found by the look-up", BulkRecipient.State.SENT, dana.state());
        assertEquals("zipwhip:" + provider.accepted.get(0).providerMessageId(), dana.messageKey());
        assertEquals("texted once", List.of("+12065550123"), provider.recipients());
        assertEquals("asked the provider", 1, provider.lookUps);
        assertEquals("no poll of the whole account", polls, provider.fetches);
    }

    @Test
    public void aTextUnderWayWhileItsProviderIsAwayWaitsAndIsLookedUpOnceTheProviderIsBack() throws Exception {
        LookupProvider provider = new LookupProvider();
        Core away = new Core(tmp.newFolder("away").toPath(), null, provider);
        away.records.with("employee:1", "Dana Candidate", "+12065550123");
        BulkJob job = away.bulk.start(BulkRequest.message("alice", List.of(RecordRef.parse("employee:1")), "Hi"));
        provider.takeThenFail = true; // the provider takes Dana's text, the answer is lost
        away.bulk.step();
        Map<String, Object> key = Map.of(TextingProvider.PROVIDER_PROPERTY, "zipwhip");
        away.registry.unbindProvider(provider, key); // its bundle is being updated: nobody can be asked
        away.clock.now = away.clock.now.plusSeconds(10);
        away.drain();

        assertEquals("neither failed nor sent again while nobody can tell", BulkRecipient.State.SENDING,
                away.bulk.recipients("alice", job.id()).get(0).state());
        assertEquals(0, provider.lookUps);

        away.registry.bindProvider(provider, key); // back, with its look-up
        away.clock.now = away.clock.now.plusSeconds(60);
        away.drain();
        assertEquals(BulkRecipient.State.SENT, away.bulk.recipients("alice", job.id()).get(0).state());
        assertEquals("texted once", List.of("+12065550123"), provider.recipients());
        assertEquals(1, provider.lookUps);
    }
}
