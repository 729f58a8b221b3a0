package org.atstexting.texting.twilio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.atstexting.fake.twilio.FakeMessage;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.SentText;
import org.junit.Test;

/** The sent history in the poll batch: a lost answer is found (never resent), each text once, statuses as they move. */
public class TwilioSentHistoryTest extends FakeTwilioTestBase {

    private String cursor;

    private void provider(String... services) {
        provider(Map.of("messagingServices", services));
    }

    private InboundBatch poll() throws ProviderException {
        InboundBatch batch = provider.fetchInbound(ALICE, cursor);
        cursor = batch.cursor();
        return batch;
    }

    @Test
    public void aSendWhoseAnswerWasLostIsInTheNextPollAndWentOutOnce() throws Exception {
        provider();
        fake.sendThenFail(1);
        try {
            provider.send(ALICE, new OutboundText(DANA, "Lost answer"));
        } catch (ProviderException e) {
            assertEquals(ProviderException.Kind.OUTCOME_UNKNOWN, e.kind());
        }
        FakeMessage atTwilio = fake.sent().get(0);
        List<SentText> sent = poll().sent();
        assertEquals(1, sent.size());
        assertEquals(atTwilio.sid(), sent.get(0).providerMessageId());
        assertEquals("Lost answer", sent.get(0).body());
        assertEquals(NUMBER, sent.get(0).from());
        assertEquals(DANA, sent.get(0).to());
        assertEquals("still queued: a DateSent filter would have hidden it", DeliveryStatus.QUEUED, sent.get(0).status());
        assertEquals("nobody texted twice", 1, fake.sent().size());
    }

    @Test
    public void eachSentTextIsReportedOnceAndItsStatusWhenItMoves() throws Exception {
        provider();
        String sid = provider.send(ALICE, new OutboundText(DANA, "Hello")).providerMessageId();
        assertEquals(1, poll().sent().size());
        InboundBatch again = poll();
        assertTrue("de-duplicated by sid", again.sent().isEmpty());
        assertTrue(again.statusUpdates().isEmpty());

        fake.setStatus(sid, "undelivered", 30007);
        InboundBatch moved = poll();
        assertTrue(moved.sent().isEmpty());
        assertEquals(1, moved.statusUpdates().size());
        assertEquals(DeliveryStatus.FAILED, moved.statusUpdates().get(0).status());
        assertEquals(DeliveryFailure.Reason.FILTERED, moved.statusUpdates().get(0).failure().reason());
        fake.setStatus(sid, "sent", null); // a late, lower status
        assertTrue("a status only moves forward", poll().statusUpdates().isEmpty());
    }

    @Test
    public void throughAMessagingServiceTheServicesTextsAreTheHistoryAsFromTheCredentialsNumber() throws Exception {
        provider(NUMBER + "=" + SERVICE);
        provider.send(ALICE, new OutboundText(DANA, "Via the service"));
        fake.deliverInbound(SID, DANA, NUMBER, "an inbound text is not sent history");
        List<SentText> sent = poll().sent();
        assertEquals(1, sent.size());
        assertEquals("Via the service", sent.get(0).body());
        assertEquals("the number the core knows the account by", NUMBER, sent.get(0).from());
        assertTrue("the whole account was listed, not From the credentials' number", fake.calls().stream()
                .filter(c -> c.method().equals("GET") && !c.params().containsKey("To"))
                .noneMatch(c -> c.params().containsKey("From")));
    }
}
