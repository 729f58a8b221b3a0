package org.atstexting.texting.twilio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.atstexting.fake.twilio.FakeCall;
import org.atstexting.fake.twilio.FakeMessage;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.MediaItem;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.junit.Test;

/** Sending: the sender setting, MMS, error codes as plain reasons, 21610 as an opt-out; counted at the fake. */
public class TwilioSendTest extends FakeTwilioTestBase {

    private Map<String, Object> base() {
        return settings(Map.of());
    }

    @Test
    public void credentialsWithAMessagingServiceSendThroughItAndNotFromTheirNumber() throws Exception {
        Map<String, Object> config = base();
        config.put("messagingServices", new String[] { NUMBER + "=" + SERVICE, "*=MGnot-a-sid" });
        provider(config);
        ProviderReceipt receipt = provider.send(ALICE, new OutboundText(DANA, "Through the 10DLC campaign"));

        FakeCall call = fake.calls().get(0);
        assertEquals(SERVICE, call.params().get("MessagingServiceSid"));
        assertFalse("Twilio picks the sender from the service's pool", call.params().containsKey("From"));
        assertEquals(1, fake.sent().size());
        assertEquals("accepted", fake.sent().get(0).status());
        assertEquals("the first status comes from the create answer", DeliveryStatus.QUEUED, receipt.status());
    }

    @Test
    public void credentialsWithoutAServiceSendFromTheirNumberWithoutStatusCallbackWhenWebhooksAreOff() throws Exception {
        provider(base());
        provider.send(ALICE, new OutboundText(DANA, "From the number"));
        FakeCall call = fake.calls().get(0);
        assertEquals(NUMBER, call.params().get("From"));
        assertNull(call.params().get("MessagingServiceSid"));
        assertNull("no callback base URL, no StatusCallback", call.params().get("StatusCallback"));
    }

    @Test
    public void mediaUrlsGoOutAsRepeatedMediaUrl() throws Exception {
        provider(base());
        provider.send(ALICE, new OutboundText(DANA, "The office map", List.of(
                new MediaItem("https://ats.example.com/m/map.png", "image/png"),
                new MediaItem("https://ats.example.com/m/offer.pdf", "application/pdf"))));
        FakeMessage sent = fake.sent().get(0);
        assertEquals(List.of("https://ats.example.com/m/map.png", "https://ats.example.com/m/offer.pdf"),
                sent.mediaUrls());
        assertEquals("The office map", sent.body());
        assertTrue(sent.sid().startsWith("MM"));
    }

    @Test
    public void aRecipientWhoRepliedStopIsAnOptOutAndNothingIsSent() {
        provider(base());
        fake.optOut(SID, DANA);
        ProviderException e = refused(new OutboundText(DANA, "Still there?"));
        assertEquals(Kind.OPTED_OUT, e.kind());
        assertEquals(DeliveryFailure.Reason.OPTED_OUT, e.failure().orElseThrow().reason());
        assertEquals("21610", e.failure().orElseThrow().providerCode());
        assertTrue(fake.sent().isEmpty());
        assertEquals("refused once, never retried", 1, fake.calls().size());
    }

    @Test
    public void refusedCreatesCarryThePlainReasonForTheirCode() {
        provider(base());
        ProviderException invalid = refused(new OutboundText("12345", "x"));
        assertEquals(Kind.REJECTED, invalid.kind());
        assertEquals(DeliveryFailure.Reason.INVALID_NUMBER, invalid.failure().orElseThrow().reason());
        assertEquals("21211", invalid.failure().orElseThrow().providerCode());

        fake.failNext(400, 30034, 1);
        ProviderException unregistered = refused(new OutboundText(DANA, "x"));
        assertEquals(DeliveryFailure.Reason.SENDER_NOT_REGISTERED, unregistered.failure().orElseThrow().reason());
        assertTrue(fake.sent().isEmpty());
    }

    @Test
    public void theErrorTableMapsEachCode() {
        assertEquals(DeliveryFailure.Reason.UNREACHABLE, TwilioErrors.reason(30003, false));
        assertEquals(DeliveryFailure.Reason.BLOCKED, TwilioErrors.reason(30004, false));
        assertEquals(DeliveryFailure.Reason.INVALID_NUMBER, TwilioErrors.reason(30005, false));
        assertEquals(DeliveryFailure.Reason.NOT_MOBILE, TwilioErrors.reason(30006, false));
        assertEquals(DeliveryFailure.Reason.FILTERED, TwilioErrors.reason(30007, false));
        assertEquals(DeliveryFailure.Reason.UNREACHABLE, TwilioErrors.reason(30008, false));
        assertEquals(DeliveryFailure.Reason.UNKNOWN, TwilioErrors.reason(12345, false));
        assertEquals(DeliveryFailure.Reason.REJECTED, TwilioErrors.reason(12345, true));
    }

    @Test
    public void statusWordsRankForwardAndSentMayBeFinal() {
        assertTrue(TwilioStatus.rank("accepted") < TwilioStatus.rank("queued"));
        assertTrue(TwilioStatus.rank("queued") < TwilioStatus.rank("sending"));
        assertTrue(TwilioStatus.rank("sending") < TwilioStatus.rank("sent"));
        assertTrue(TwilioStatus.rank("sent") < TwilioStatus.rank("delivered"));
        assertTrue(TwilioStatus.rank("delivered") < TwilioStatus.rank("read"));
        assertTrue("a late sent never hides a failure", TwilioStatus.rank("sent") < TwilioStatus.rank("undelivered"));
        assertEquals(-1, TwilioStatus.rank("some-new-word"));
        assertEquals(DeliveryStatus.SENT, TwilioStatus.of("sent"));
    }

    private ProviderException refused(OutboundText text) {
        try {
            provider.send(ALICE, text);
            throw new AssertionError("expected a refusal");
        } catch (ProviderException e) {
            return e;
        }
    }
}
