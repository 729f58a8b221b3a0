package org.atstexting.texting.twilio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.atstexting.fake.twilio.FakeMessage;
import org.atstexting.fake.twilio.StandaloneTwilioFake;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.twilio.internal.webhook.TwilioWebhooks;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The sent history in the poll batch: a lost answer is found (never resent), each text once, statuses as they move. */
public class TwilioSentHistoryTest {

    private static final String SID = "AC00000000000000000000000000000101";
    private static final String TOKEN = "fake-token-alice";
    private static final String NUMBER = "+12065550101";
    private static final String SERVICE = "MG0123456789abcdef0123456789abcdef";
    private static final String DANA = "+12065550123";
    private static final ProviderCredentials ALICE = new ProviderCredentials(SID, NUMBER, TOKEN);

    private StandaloneTwilioFake fake;
    private TwilioProvider provider;
    private String cursor;

    @Before
    public void start() throws Exception {
        fake = StandaloneTwilioFake.start();
        fake.addAccount(SID, TOKEN);
        fake.addMessagingService(SID, SERVICE, "+12065550199");
    }

    @After
    public void stop() {
        provider.deactivate();
        fake.close();
    }

    private void provider(String... services) {
        provider = TestProviders.start(Map.of("enabled", true, "apiBaseUrl", fake.baseUri().toString(),
                "messagingServices", services), new TwilioWebhooks());
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
