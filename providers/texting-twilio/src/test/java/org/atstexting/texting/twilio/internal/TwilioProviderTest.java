package org.atstexting.texting.twilio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.atstexting.fake.twilio.FakeCall;
import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.junit.Before;
import org.junit.Test;

/** The provider over real HTTP against the Twilio-shaped fake. */
public class TwilioProviderTest extends FakeTwilioTestBase {

    @Before
    public void start() throws Exception {
        provider(Map.of("retryBaseMillis", 5));
    }

    /** The Metatype defaults, with some attributes overridden, as SCR would hand them over. */
    static TwilioConfiguration config(Map<String, Object> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        return (TwilioConfiguration) Proxy.newProxyInstance(TwilioConfiguration.class.getClassLoader(),
                new Class<?>[] { TwilioConfiguration.class },
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }

    @Test
    public void sendsAFormPostWithBasicAuthAndReturnsTheMessageSid() throws Exception {
        ProviderReceipt receipt = provider.send(ALICE, new OutboundText(DANA, "Hi Dana, free Tuesday? ☺"));

        assertEquals(1, fake.sent().size());
        assertEquals(fake.sent().get(0).sid(), receipt.providerMessageId());
        assertTrue(receipt.providerMessageId().startsWith("SM"));
        assertEquals(DeliveryStatus.QUEUED, receipt.status());
        FakeCall call = fake.calls().get(0);
        assertEquals("POST", call.method());
        assertEquals("/2010-04-01/Accounts/" + SID + "/Messages.json", call.path());
        assertEquals(SID, call.username());
        assertEquals(DANA, call.params().get("To"));
        assertEquals(NUMBER, call.params().get("From"));
        assertEquals("Hi Dana, free Tuesday? ☺", call.params().get("Body"));
    }

    @Test
    public void aWrongTokenIsBadCredentialsAndNeverShowsTheToken() {
        ProviderCredentials wrong = new ProviderCredentials(SID, NUMBER, "not-the-token");
        try {
            provider.send(wrong, new OutboundText(DANA, "x"));
            fail("wrong token");
        } catch (ProviderException e) {
            assertEquals(Kind.BAD_CREDENTIALS, e.kind());
            assertTrue(e.getMessage(), e.getMessage().contains(SID));
            assertFalse(e.getMessage().contains("not-the-token"));
        }
        CredentialCheck check = provider.test(wrong);
        assertEquals(Outcome.BAD_CREDENTIALS, check.outcome());
        assertFalse(check.message().contains("not-the-token"));
        assertTrue(provider.test(ALICE).message(), provider.test(ALICE).ok());
        assertTrue(fake.sent().isEmpty());
    }

    @Test
    public void testSaysPlainlyThatItCouldNotCheckTheNumber() {
        // Twilio's facts give no call that lists an account's numbers: Test must not imply it checked
        CredentialCheck check = provider.test(ALICE);
        assertTrue(check.message(), check.ok());
        assertTrue(check.message(), check.message().contains(NUMBER) && check.message().contains("could not be checked"));
    }

    @Test
    public void anInvalidNumberIsRejectedWithTwiliosReason() {
        try {
            provider.send(ALICE, new OutboundText("12345", "x"));
            fail("invalid To");
        } catch (ProviderException e) {
            assertEquals(Kind.REJECTED, e.kind());
            assertTrue(e.getMessage(), e.getMessage().contains("21211"));
        }
    }

    @Test
    public void aServerErrorOnCreateIsOutcomeUnknownAndNeverRepeated() {
        fake.failNext(500, 1);
        assertKind(Kind.OUTCOME_UNKNOWN);
        assertEquals("the create was made once, never repeated", 1, fake.calls().size());
    }

    @Test
    public void aLostAnswerIsOutcomeUnknownAndTheTextWentOutOnce() {
        fake.sendThenFail(1);
        assertKind(Kind.OUTCOME_UNKNOWN);
        assertEquals("one text at Twilio, none sent again", 1, fake.sent().size());
        assertEquals(1, fake.calls().size());
    }

    @Test
    public void a429IsRepeatedWithBackOffByTheClientThenReportedAsThrottled() {
        fake.failNext(429, 20429, 10);
        ProviderException e = assertKind(Kind.THROTTLED);
        assertEquals("three attempts in all (maxAttempts), each refused before anything was sent", 3,
                fake.calls().size());
        assertTrue(fake.sent().isEmpty());
        assertTrue(e.getMessage(), e.getMessage().contains("20429"));
    }

    @Test
    public void a429ThatClearsIsSentExactlyOnce() throws Exception {
        fake.failNext(429, 20429, 1);
        provider.send(ALICE, new OutboundText(DANA, "after the back-off"));
        assertEquals(2, fake.calls().size());
        assertEquals(1, fake.sent().size());
        assertEquals("after the back-off", fake.sent().get(0).body());
    }

    private ProviderException assertKind(Kind kind) {
        try {
            provider.send(ALICE, new OutboundText(DANA, "x"));
            throw new AssertionError("expected " + kind);
        } catch (ProviderException e) {
            assertEquals(e.getMessage(), kind, e.kind());
            return e;
        }
    }

    @Test
    public void anUnreachableTwilioIsReportedAsSuch() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        provider.modified(config(Map.of("enabled", true, "apiBaseUrl", "http://127.0.0.1:" + closedPort + "/")));
        try {
            provider.send(ALICE, new OutboundText(DANA, "x"));
            fail("nothing listens there");
        } catch (ProviderException e) {
            assertEquals(Kind.UNREACHABLE, e.kind());
        }
        assertEquals(Outcome.UNREACHABLE, provider.test(ALICE).outcome());
    }

    @Test
    public void disabledRefusesPlainlyAndEnablingTakesEffectAtOnce() throws Exception {
        provider.modified(config(Map.of("enabled", false)));
        try {
            provider.send(ALICE, new OutboundText(DANA, "x"));
            fail("disabled");
        } catch (ProviderException e) {
            assertEquals(Kind.DISABLED, e.kind());
            assertEquals("Twilio is disabled", e.getMessage());
        }
        assertEquals(Outcome.PROVIDER_UNAVAILABLE, provider.test(ALICE).outcome());
        provider.modified(config(Map.of("enabled", true, "apiBaseUrl", fake.baseUri().toString())));
        assertNotNull(provider.send(ALICE, new OutboundText(DANA, "now")));
    }

    @Test
    public void readsInboundTextsAcrossPagesOnceEachOldestFirst() throws Exception {
        provider.modified(config(Map.of("enabled", true, "apiBaseUrl", fake.baseUri().toString(), "pageSize", 2)));
        provider.send(ALICE, new OutboundText(DANA, "outbound, not read back"));
        for (int i = 1; i <= 5; i++) {
            fake.deliverInbound(SID, DANA, NUMBER, "reply " + i);
        }
        fake.deliverInbound(SID, "+12065550999", "+12065550777", "to another number of the account");

        InboundBatch first = provider.fetchInbound(ALICE, null);
        assertEquals(List.of("reply 1", "reply 2", "reply 3", "reply 4", "reply 5"),
                first.texts().stream().map(InboundText::body).toList());
        InboundText one = first.texts().get(0);
        assertEquals(DANA, one.from());
        assertEquals(NUMBER, one.to());
        assertNotNull(first.cursor());

        // same second, new messages: only those are new
        fake.deliverInbound(SID, DANA, NUMBER, "reply 6");
        InboundBatch second = provider.fetchInbound(ALICE, first.cursor());
        assertEquals(List.of("reply 6"), second.texts().stream().map(InboundText::body).toList());
        InboundBatch third = provider.fetchInbound(ALICE, second.cursor());
        assertEquals(List.of(), third.texts());
        assertEquals(second.cursor(), third.cursor());
    }

    @Test
    public void statusWordsMoveOnlyForward() {
        assertEquals(DeliveryStatus.QUEUED, TwilioStatus.of("accepted"));
        assertEquals(DeliveryStatus.QUEUED, TwilioStatus.of("sending"));
        assertEquals(DeliveryStatus.SENT, TwilioStatus.of("sent"));
        assertEquals(DeliveryStatus.DELIVERED, TwilioStatus.of("delivered"));
        assertEquals(DeliveryStatus.FAILED, TwilioStatus.of("undelivered"));
        assertEquals(DeliveryStatus.FAILED, TwilioStatus.of("failed"));
        assertEquals(DeliveryStatus.RECEIVED, TwilioStatus.of("received"));
        assertEquals(DeliveryStatus.QUEUED, TwilioStatus.of("some-new-word"));
    }

    @Test
    public void cursorsRoundTripAndRfc2822DatesParse() {
        assertNull(InboundCursor.START.encode());
        InboundCursor cursor = InboundCursor.parse("v1:1700000000:SMb,SMa");
        assertEquals(InboundCursor.parse(cursor.encode()), cursor);
        assertEquals(InboundCursor.START, InboundCursor.parse("garbage"));
        assertEquals(1282161700L, TwilioMessages.date("Wed, 18 Aug 2010 20:01:40 +0000").orElseThrow().getEpochSecond());
    }
}
