package org.atstexting.texting.twilio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.atstexting.fake.twilio.FakeCall;
import org.atstexting.fake.twilio.FakeInbound;
import org.atstexting.fake.twilio.StandaloneTwilioFake;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The inbound walk over real HTTP against the fake, as the core drives it (polling again at
 * once while a batch says {@code more}): a backlog larger than a poll's pages is read
 * completely, once, oldest first, also while new texts keep arriving.
 */
public class TwilioInboundWalkTest {

    private static final String SID = "AC00000000000000000000000000000101";
    private static final String TOKEN = "fake-token-alice";
    private static final String NUMBER = "+12065550101";
    private static final String DANA = "+12065550123";
    private static final ProviderCredentials ALICE = new ProviderCredentials(SID, NUMBER, TOKEN);

    private StandaloneTwilioFake fake;
    private TwilioProvider provider;
    private String cursor;
    private int polls;

    @Before
    public void start() throws Exception {
        fake = StandaloneTwilioFake.start();
        fake.addAccount(SID, TOKEN);
        // Twilio's default page size and the provider's default budget: 500 messages a poll
        provider = new TwilioProvider(TwilioProviderTest.config(Map.of("enabled", true, "apiBaseUrl",
                fake.baseUri().toString())), new org.atstexting.texting.twilio.internal.webhook.TwilioWebhooks());
        fake.deliverInbound(SID, DANA, NUMBER, "Hi");
        assertEquals(List.of("Hi"), bodies(readAll())); // the account has been read before
    }

    @After
    public void stop() {
        provider.deactivate();
        fake.close();
    }

    /** Polls as the core does: again at once while the provider says there is more. */
    private List<InboundText> readAll() throws Exception {
        List<InboundText> texts = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            InboundBatch batch = poll();
            texts.addAll(batch.texts());
            if (!batch.more()) {
                return texts;
            }
        }
        throw new AssertionError("the walk never finished");
    }

    private InboundBatch poll() throws Exception {
        InboundBatch batch = provider.fetchInbound(ALICE, cursor);
        polls++;
        if (batch.cursor() != null) {
            cursor = batch.cursor();
        }
        return batch;
    }

    private static List<FakeInbound> burst(int n, String body) {
        List<FakeInbound> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add(new FakeInbound("+1206556" + String.format("%04d", i), NUMBER, body + " " + i));
        }
        return texts;
    }

    private static List<String> bodies(List<InboundText> texts) {
        return texts.stream().map(InboundText::body).toList();
    }

    /** {@code texts} are {@code expected}, each once, in order (a short message when not). */
    private static void assertReadInOrder(List<String> expected, List<InboundText> texts) {
        assertEquals("how many read", expected.size(), texts.size());
        assertEquals("each once", texts.size(), new HashSet<>(texts.stream().map(InboundText::providerMessageId)
                .toList()).size());
        List<String> bodies = bodies(texts);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals("at " + i, expected.get(i), bodies.get(i));
        }
    }

    private static List<String> named(int n, String body) {
        return burst(n, body).stream().map(FakeInbound::body).toList();
    }

    @Test
    public void aBacklogOfFiveThousandIsReadCompletelyOnceAndOldestFirst() throws Exception {
        provider.modified(TwilioProviderTest.config(Map.of("enabled", true, "apiBaseUrl", fake.baseUri().toString(),
                "pageSize", 100, "maxPagesPerPoll", 5))); // still 500 a poll, in fewer calls
        fake.deliverInbound(SID, burst(5_000, "backlog"), 20); // an outage's worth, 20 a second

        List<InboundText> texts = readAll();

        assertReadInOrder(named(5_000, "backlog"), texts);
        assertTrue("more than one poll's 500", polls > 10);
        assertEquals("and nothing again", List.of(), readAll());
    }

    @Test
    public void aStopBeforeABurstOfElevenHundredIsRead() throws Exception {
        fake.deliverInbound(SID, "+12065557001", NUMBER, "STOP");
        fake.deliverInbound(SID, burst(1_100, "Yes"), 25);

        List<InboundText> texts = readAll();

        List<String> expected = new ArrayList<>(List.of("STOP"));
        expected.addAll(named(1_100, "Yes"));
        assertReadInOrder(expected, texts);
        assertEquals("+12065557001", texts.get(0).from());
    }

    @Test
    public void textsArrivingWhileABacklogIsReadAreNeitherSkippedNorRepeated() throws Exception {
        List<String> expected = new ArrayList<>(named(1_500, "old"));
        fake.deliverInbound(SID, burst(1_500, "old"), 20);
        List<InboundText> texts = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            InboundBatch batch = poll();
            texts.addAll(batch.texts());
            if (round < 20) { // the account keeps busy while the backlog is read
                List<FakeInbound> more = burst(30, "new" + round);
                fake.deliverInbound(SID, more, 10);
                expected.addAll(more.stream().map(FakeInbound::body).toList());
            } else if (!batch.more()) {
                break;
            }
        }
        assertReadInOrder(expected, texts);
        assertFalse(poll().more());
    }

    @Test
    public void pagesAreFollowedByTheirAnchoredUrisAndTheListIsLimitedToRecentDays() throws Exception {
        fake.deliverInbound(SID, burst(600, "x"), 50);
        readAll();
        // the inbound list (To=number); the sent history is its own list (From=number)
        List<FakeCall> lists = fake.calls().stream().filter(c -> c.method().equals("GET"))
                .filter(c -> !c.params().containsKey("From")).toList();
        assertTrue(lists.stream().allMatch(c -> c.params().containsKey("DateSent>")));
        assertTrue("later pages by the token Twilio gave",
                lists.stream().anyMatch(c -> c.params().getOrDefault("PageToken", "").startsWith("PA")));
        assertTrue(lists.stream().allMatch(c -> NUMBER.equals(c.params().get("To"))));
        assertFalse("the sent history is read without a date filter (it would hide queued texts)", fake.calls().stream()
                .filter(c -> c.params().containsKey("From")).anyMatch(c -> c.params().containsKey("DateSent>")));
    }

    @Test
    public void aPageTwilioNoLongerKnowsStartsTheWalkAgainFromTheTopWithoutLosingAText() throws Exception {
        fake.deliverInbound(SID, burst(2_000, "gone"), 20);
        assertTrue("a walk under way", poll().more());
        fake.reset(); // the messages are deleted at Twilio: the pages the walk passed no longer exist
        fake.deliverInbound(SID, burst(700, "after"), 20);

        assertReadInOrder(named(700, "after"), readAll());
    }
}
