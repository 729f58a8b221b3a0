package org.atstexting.texting.twilio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atstexting.fake.twilio.FakeCall;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.SentTextLookup;
import org.junit.Test;

/**
 * The declared look-up ({@link SentTextLookup}) against the strict fake: a lost answer is found
 * (and the fake holds that one text), "not found" comes only after the list was asked to its end
 * and the settle time passed, and a list that lags is "cannot tell yet", never "not sent".
 */
public class TwilioSentLookupTest extends FakeTwilioTestBase {

    private static final String BODY = "Entrevista mañana 9h — 面接 ✅ {ok} €";

    private void provider(int settleSeconds, String... services) {
        provider(Map.of("sentLookupSettleSeconds", settleSeconds, "messagingServices", services, "pageSize", 2));
    }

    private Instant lostSend(String body) {
        Instant attempt = Instant.now();
        fake.sendThenFail(1);
        try {
            provider.send(ALICE, new OutboundText(DANA, body));
            fail("the answer was lost");
        } catch (ProviderException e) {
            assertEquals(ProviderException.Kind.OUTCOME_UNKNOWN, e.kind());
        }
        return attempt;
    }

    @Test
    public void theProviderDeclaresTheLookUp() {
        provider(0);
        assertTrue(provider instanceof SentTextLookup);
    }

    @Test
    public void aLostAnswerIsFoundByTheLookUpAndTheFakeHoldsThatOneText() throws Exception {
        provider(0);
        provider.send(ALICE, new OutboundText(DANA, BODY.substring(0, 10))); // same start, another body
        Instant attempt = lostSend(BODY);

        Optional<ProviderReceipt> found = provider.findSent(ALICE, new OutboundText(DANA, BODY), attempt.minusSeconds(1));

        assertTrue(found.isPresent());
        assertEquals("the body is matched exactly, Unicode and all", 2, fake.sent().size());
        assertEquals(fake.sent().get(1).sid(), found.get().providerMessageId());
        assertEquals(BODY, fake.sent().get(1).body());
    }

    @Test
    public void throughAMessagingServiceTheServicesTextIsFound() throws Exception {
        provider(0, NUMBER + "=" + SERVICE);
        Instant attempt = lostSend(BODY);
        Optional<ProviderReceipt> found = provider.findSent(ALICE, new OutboundText(DANA, BODY), attempt.minusSeconds(1));
        assertEquals(fake.sent().get(0).sid(), found.orElseThrow().providerMessageId());
        assertEquals(1, fake.sent().size());
    }

    @Test
    public void notFoundOnlyAfterTheListWasAskedToItsEnd() throws Exception {
        provider(0);
        for (int i = 0; i < 5; i++) {
            provider.send(ALICE, new OutboundText(DANA, "other text " + i)); // three pages of two
        }
        Optional<ProviderReceipt> found = provider.findSent(ALICE, new OutboundText(DANA, BODY),
                Instant.now().minusSeconds(60));

        assertFalse(found.isPresent());
        List<FakeCall> lists = fake.calls().stream().filter(c -> c.method().equals("GET")).toList();
        assertEquals("every page was read, to the end", 3, lists.size());
        assertTrue("asked by recipient and sender", lists.stream().allMatch(c -> DANA.equals(c.params().get("To"))
                && NUMBER.equals(c.params().get("From"))));
        assertTrue("never by DateSent, which hides queued texts", lists.stream()
                .noneMatch(c -> c.params().keySet().stream().anyMatch(k -> k.startsWith("DateSent"))));
        assertEquals("nothing was sent by asking", 5, fake.sent().size());
    }

    @Test
    public void aListThatLagsIsCannotTellYetNeverNotSent() throws Exception {
        provider(3600);
        fake.listLag(Duration.ofHours(1));
        Instant attempt = lostSend(BODY);
        try {
            provider.findSent(ALICE, new OutboundText(DANA, BODY), attempt.minusSeconds(1));
            fail("within the settle time a text missing from the list may still show");
        } catch (ProviderException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("ask again later"));
        }
        assertEquals(1, fake.sent().size());
        fake.listLag(Duration.ZERO);
        assertEquals(fake.sent().get(0).sid(), provider.findSent(ALICE, new OutboundText(DANA, BODY),
                attempt.minusSeconds(1)).orElseThrow().providerMessageId());
    }

    @Test
    public void aTextSentBeforeTheAttemptIsNotThisOne() throws Exception {
        provider(0);
        provider.send(ALICE, new OutboundText(DANA, BODY));
        Thread.sleep(1_100); // Twilio dates are whole seconds: the attempt below is a second later
        assertFalse(provider.findSent(ALICE, new OutboundText(DANA, BODY), Instant.now()).isPresent());
    }
}
