package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.SentTextLookup;
import org.junit.Test;

/**
 * The declared look-up ({@link SentTextLookup}) against the strict sandbox: a send whose answer
 * and own look-up were lost is found afterwards, once, and the sandbox holds that one text; "not
 * found" only after the list was read back past the attempt and the settle time passed.
 */
public class ZipwhipSentLookupTest extends SandboxTestBase {

    private static final OutboundText TEXT = new OutboundText(DANA, "Entrevista mañana 9h — 面接 ✅ {ok} €");

    private Instant lostSend() {
        Instant attempt = Instant.now();
        sandbox.injectFault("message/send", Fault.SEND_THEN_FAIL, 1);
        sandbox.injectFault("message/list", Fault.SERVER_ERROR, 3); // the send's own look-up is lost too
        assertEquals(Kind.OUTCOME_UNKNOWN, expectFailure(() -> provider.send(ALICE_CREDENTIALS, TEXT)).kind());
        return attempt;
    }

    @Test
    public void theProviderDeclaresTheLookUp() {
        assertTrue(provider instanceof SentTextLookup);
    }

    @Test
    public void aLostAnswerIsFoundAfterwardsAndTheSandboxHoldsThatOneText() throws Exception {
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "Entrevista mañana")); // another body
        Instant attempt = lostSend();

        Optional<ProviderReceipt> found = provider.findSent(ALICE_CREDENTIALS, TEXT, attempt.minusSeconds(1));

        assertEquals("one text each, nothing resent", 2, sandbox.sent().size());
        assertEquals(Long.toString(sandbox.sent().get(1).id()), found.orElseThrow().providerMessageId());
        assertEquals(TEXT.body(), sandbox.sent().get(1).body());
        assertEquals("asking again finds the same text", found.get().providerMessageId(),
                provider.findSent(ALICE_CREDENTIALS, TEXT, attempt.minusSeconds(1)).orElseThrow().providerMessageId());
    }

    @Test
    public void itIsFoundWhenZipwhipLeavesTheOutboundAddressesEmpty() throws Exception {
        sandbox.setOutboundAddressesEmpty(true);
        Instant attempt = lostSend();
        assertTrue(provider.findSent(ALICE_CREDENTIALS, TEXT, attempt.minusSeconds(1)).isPresent());
        assertEquals(1, sandbox.sent().size());
    }

    @Test
    public void notFoundAfterTheSettleTimeAndTheSandboxWasAsked() throws Exception {
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "Another text"));
        int lists = sandbox.calls("message/list").size();

        assertFalse(provider.findSent(ALICE_CREDENTIALS, TEXT, Instant.now().minusSeconds(600)).isPresent());

        assertTrue("the message list was read", sandbox.calls("message/list").size() > lists);
        assertEquals(1, sandbox.sent().size());
    }

    @Test
    public void withinTheSettleTimeNotFoundIsCannotTellYet() {
        ProviderException e = expectFailure(() -> provider.findSent(ALICE_CREDENTIALS, TEXT, Instant.now()));
        assertTrue(e.getMessage(), e.getMessage().contains("ask again later"));
        assertTrue(sandbox.sent().isEmpty());
    }

    @Test
    public void aTextNeverStoredIsNotSentThoughMoreThanFiveThousandMessagesCameSince() throws Exception {
        // a node died after it stored the text as under way, before Zipwhip stored it; a busy
        // account then sent and received more than the look-up's old budget of 100 pages
        Instant attempt = Instant.now();
        messagesSince(6_000);
        int lists = sandbox.calls("message/list").size();

        Optional<ProviderReceipt> found = provider.findSent(ALICE_CREDENTIALS, TEXT, attempt.minusSeconds(600));

        assertFalse("not sent, so the core may send it", found.isPresent());
        int read = sandbox.calls("message/list").size() - lists;
        assertTrue("the list was read back to the attempt: " + read + " pages", read >= 6_000 / 20);
        assertTrue(sandbox.sent().isEmpty());
    }

    @Test
    public void withinTheSettleTimeALookUpReadsOnlyAPollsWorthOfPages() throws Exception {
        messagesSince(2_000);
        int lists = sandbox.calls("message/list").size();

        ProviderException e = expectFailure(() -> provider.findSent(ALICE_CREDENTIALS, TEXT, Instant.now()));

        assertEquals("asked again later", Kind.ERROR, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("ask again later"));
        assertEquals("20 pages of 20 (a poll's worth), not the 100 back to the attempt", 20,
                sandbox.calls("message/list").size() - lists);
    }

    @Test
    public void aListWithMoreSinceTheAttemptThanTheLookUpReadsIsOutcomeUnknownNotAskAgain() throws Exception {
        provider.deactivate();
        provider = new ZipwhipProvider(config("pageSize", 100, "maxPagesPerPoll", 1, "sentLookupMaxMessages", 1_000),
                inbound);
        messagesSince(1_001); // one more than the configured most
        int lists = sandbox.calls("message/list").size();

        ProviderException e = expectFailure(() -> provider.findSent(ALICE_CREDENTIALS, TEXT,
                Instant.now().minusSeconds(600)));

        assertEquals("the list only grows: asking again cannot tell either", Kind.OUTCOME_UNKNOWN, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("cannot be told"));
        assertEquals("ten pages of 100, the configured 1,000 messages", 10,
                sandbox.calls("message/list").size() - lists);
    }

    /** Replies from many numbers, stored now: traffic on the account after an attempt. */
    private void messagesSince(int n) {
        for (int i = 0; i < n; i++) {
            sandbox.deliverReply(String.format("+1312555%04d", i), ALICE, "reply " + i);
        }
    }
}
