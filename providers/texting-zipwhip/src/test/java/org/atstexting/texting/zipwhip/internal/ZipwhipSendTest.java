package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.junit.Test;

public class ZipwhipSendTest extends SandboxTestBase {

    private static final OutboundText HELLO = new OutboundText(DANA, "Hi Dana, are you free Tuesday?");

    private int sendCalls() {
        return sandbox.calls("message/send").size();
    }

    @Test
    public void aSendReturnsZipwhipsMessageIdAndFingerprint() throws Exception {
        ProviderReceipt receipt = provider.send(ALICE_CREDENTIALS, HELLO);

        assertEquals(1, sandbox.sent().size());
        SandboxMessage sent = sandbox.sent().get(0);
        assertEquals(Long.toString(sent.id()), receipt.providerMessageId());
        assertEquals(sent.fingerprint(), receipt.fingerprint());
        assertNotNull(receipt.fingerprint());
        assertEquals(DeliveryStatus.QUEUED, receipt.status());
        assertEquals("2065550123", sent.destAddress());
        assertEquals(DANA, sandbox.calls("message/send").get(0).params().get("contacts"));
    }

    @Test
    public void theSessionIsReusedAcrossSends() throws Exception {
        provider.send(ALICE_CREDENTIALS, HELLO);
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "second"));
        assertEquals("one login for both", 1, sandbox.calls("user/login").size());
        assertEquals(2, sandbox.sent().size());
    }

    @Test
    public void anExpiredSessionLogsInOnceMore() throws Exception {
        provider.send(ALICE_CREDENTIALS, HELLO);
        sandbox.injectFault("message/send", Fault.SESSION_EXPIRED, 1);
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "after expiry"));
        assertEquals(2, sandbox.calls("user/login").size());
        assertEquals(2, sandbox.sent().size());
    }

    @Test
    public void aSessionRefusedTwiceIsAnErrorAndNothingIsSent() {
        sandbox.injectFault("message/send", Fault.SESSION_EXPIRED, 2);
        ProviderException e = expectFailure(() -> provider.send(ALICE_CREDENTIALS, HELLO));
        assertEquals(Kind.ERROR, e.kind());
        // counted on message/send, not on user/login: the webhook check that follows each new session
        // runs on its own thread and may log in again itself when the sandbox dropped the session
        assertEquals("sent on the first session, then once more on a fresh one, then given up", 2,
                sandbox.calls("message/send").size());
        assertTrue("a fresh session was made for the second try", sandbox.calls("user/login").size() >= 2);
        assertEquals(0, sandbox.sent().size());
    }

    @Test
    public void badBodiesAndNumbersAreRefusedBeforeZipwhipIsCalled() {
        assertEquals(Kind.REJECTED, expectFailure(() -> provider.send(ALICE_CREDENTIALS,
                new OutboundText(DANA, "  "))).kind());
        ProviderException tooLong = expectFailure(() -> provider.send(ALICE_CREDENTIALS,
                new OutboundText(DANA, "x".repeat(1601))));
        assertEquals(Kind.REJECTED, tooLong.kind());
        assertTrue(tooLong.getMessage(), tooLong.getMessage().contains("1600"));
        assertEquals(Kind.REJECTED, expectFailure(() -> provider.send(ALICE_CREDENTIALS,
                new OutboundText("206-555-0123", "hi"))).kind());
        assertEquals("Zipwhip never called", 0, sandbox.calls().size());
    }

    @Test
    public void sixteenHundredCharactersAreAccepted() throws Exception {
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "é".repeat(1600)));
        assertEquals(1, sandbox.sent().size());
    }

    @Test
    public void aServerErrorOnSendIsLookedUpThenSentOnceMore() throws Exception {
        sandbox.injectFault("message/send", Fault.SERVER_ERROR, 1);
        ProviderReceipt receipt = provider.send(ALICE_CREDENTIALS, HELLO);
        assertEquals("HttpClient did not retry the send; the provider sent once more after looking", 2, sendCalls());
        assertTrue("it looked first", sandbox.calls("message/list").size() >= 1);
        assertEquals("one text", 1, sandbox.sent().size());
        assertEquals(Long.toString(sandbox.sent().get(0).id()), receipt.providerMessageId());
    }

    @Test
    public void aSendThatWentThroughButFailedIsFoundAndNotRepeated() throws Exception {
        sandbox.injectFault("message/send", Fault.SEND_THEN_FAIL, 1);
        ProviderReceipt receipt = provider.send(ALICE_CREDENTIALS, HELLO);
        assertEquals("never repeated", 1, sendCalls());
        assertEquals("one text", 1, sandbox.sent().size());
        assertEquals(Long.toString(sandbox.sent().get(0).id()), receipt.providerMessageId());
        assertEquals(sandbox.sent().get(0).fingerprint(), receipt.fingerprint());
    }

    @Test
    public void twoSendsOfTheSameTextThatBothFailAfterwardsGetTheirOwnMessages() throws Exception {
        sandbox.injectFault("message/send", Fault.SEND_THEN_FAIL, 2);
        ProviderReceipt first = provider.send(ALICE_CREDENTIALS, HELLO);
        ProviderReceipt second = provider.send(ALICE_CREDENTIALS, HELLO);
        assertEquals(2, sandbox.sent().size());
        assertFalse("a look-up never answers two sends with one message",
                first.providerMessageId().equals(second.providerMessageId()));
    }

    @Test
    public void whenTheLookUpFailsTooTheTextIsNotSentAgain() {
        sandbox.injectFault("message/send", Fault.SEND_THEN_FAIL, 1);
        sandbox.injectFault("message/list", Fault.SERVER_ERROR, 3);
        ProviderException e = expectFailure(() -> provider.send(ALICE_CREDENTIALS, HELLO));
        assertEquals("it may have gone out: the core must look it up, never resend", Kind.OUTCOME_UNKNOWN, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("NOT sent again"));
        assertEquals(1, sendCalls());
        assertEquals("reads are retried: 3 attempts", 3, sandbox.calls("message/list").size());
        assertEquals(1, sandbox.sent().size());
    }

    @Test
    public void twoServerErrorsInARowGiveUpWithNothingSent() {
        sandbox.injectFault("message/send", Fault.SERVER_ERROR, 2);
        ProviderException e = expectFailure(() -> provider.send(ALICE_CREDENTIALS, HELLO));
        assertEquals(Kind.ERROR, e.kind());
        assertTrue(e.getMessage(), e.getMessage().contains("was not sent"));
        assertEquals(2, sendCalls());
        assertEquals(0, sandbox.sent().size());
    }

    @Test
    public void malformedJsonOnSendIsAClearErrorOrALookedUpReceipt() throws Exception {
        sandbox.injectFault("message/send", Fault.MALFORMED_JSON, 1);
        provider.send(ALICE_CREDENTIALS, HELLO);
        assertEquals(1, sandbox.sent().size());

        sandbox.injectFault("message/send", Fault.MALFORMED_JSON, 2);
        ProviderException e = expectFailure(() -> provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "again")));
        assertTrue(e.getMessage(), e.getMessage().contains("not its JSON envelope"));
        assertFalse("no stack trace in the message", e.getMessage().contains("Exception"));
        assertEquals(1, sandbox.sent().size());
    }

    @Test
    public void aTimedOutSendIsNeverRepeatedAndIsFoundWhenItLandsLate() throws Exception {
        sandbox.injectFault("message/send", Fault.SLOW, 1);
        ProviderReceipt receipt = provider.send(ALICE_CREDENTIALS, HELLO);
        assertEquals("the sandbox records a call when it answers it", 1, sendCalls());
        assertEquals("one text, never two", 1, sandbox.sent().size());
        assertEquals(Long.toString(sandbox.sent().get(0).id()), receipt.providerMessageId());
    }

    @Test
    public void aRateLimitedSendWaitsForRetryAfterAndIsSentOnce() throws Exception {
        sandbox.injectFault("message/send", Fault.RATE_LIMITED, 1);
        long start = System.nanoTime();
        provider.send(ALICE_CREDENTIALS, HELLO);
        assertTrue("waited Retry-After: 1", System.nanoTime() - start >= 900_000_000L);
        assertEquals(2, sendCalls());
        assertEquals(1, sandbox.sent().size());
    }

    @Test
    public void aFailedLoginBeforeASendSendsNothing() {
        sandbox.injectFault("user/login", Fault.SERVER_ERROR, 3);
        ProviderException e = expectFailure(() -> provider.send(ALICE_CREDENTIALS, HELLO));
        assertEquals(Kind.ERROR, e.kind());
        assertEquals("login retried", 3, sandbox.calls("user/login").size());
        assertEquals(0, sendCalls());
    }

    @Test
    public void theSendRateLimitRefusesWhatWouldExceedIt() throws Exception {
        provider.modified(config("sendRatePerSecond", 2, "sendRateWaitMillis", 0));
        provider.send(ALICE_CREDENTIALS, HELLO);
        provider.send(ALICE_CREDENTIALS, HELLO);
        ProviderException e = expectFailure(() -> provider.send(ALICE_CREDENTIALS, HELLO));
        assertTrue(e.getMessage(), e.getMessage().contains("rate limit"));
        assertEquals(2, sandbox.sent().size());
    }

    @Test
    public void theSendRateLimitMakesSendsWaitTheirTurn() throws Exception {
        provider.modified(config("sendRatePerSecond", 1, "sendRateWaitMillis", 3000));
        long start = System.nanoTime();
        provider.send(ALICE_CREDENTIALS, HELLO);
        provider.send(ALICE_CREDENTIALS, HELLO);
        assertTrue("the second waited for the next second", System.nanoTime() - start >= 300_000_000L);
        assertEquals(2, sandbox.sent().size());
    }

    @Test
    public void disabledRefusesWithAPlainReason() throws Exception {
        provider.modified(config("enabled", false));
        ProviderException e = expectFailure(() -> provider.send(ALICE_CREDENTIALS, HELLO));
        assertEquals(Kind.DISABLED, e.kind());
        assertEquals("Zipwhip is disabled", e.getMessage());
        assertEquals(Kind.DISABLED, expectFailure(() -> provider.fetchInbound(ALICE_CREDENTIALS, null)).kind());
        assertEquals(0, sandbox.calls().size());

        provider.modified(config());
        provider.send(ALICE_CREDENTIALS, HELLO);
        assertEquals(1, sandbox.sent().size());
    }

    @Test
    public void aNewApiBaseUrlTakesEffectAtOnce() throws Exception {
        try (var other = org.atstexting.sandbox.zipwhip.StandaloneSandboxServer.start()) {
            other.addAccount(ALICE, "sandbox-alice");
            provider.modified(config("apiBaseUrl", other.baseUri().toString()));
            provider.send(ALICE_CREDENTIALS, HELLO);
            assertEquals(1, other.sent().size());
            assertEquals(0, sandbox.sent().size());
        }
    }
}
