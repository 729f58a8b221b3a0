package org.atstexting.texting.textus.internal;

import static org.atstexting.texting.textus.internal.Fixture.ACCOUNT;
import static org.atstexting.texting.textus.internal.Fixture.ALICE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Polling as the safety net: webhooks lost, the backlog read from the conversations. */
public class TextusPollTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture f;

    @Before
    public void setUp() throws Exception {
        f = new Fixture(tmp.getRoot().toPath(), Map.of("callbackBaseUrl", "", "maxTextsPerPoll", 500));
        f.fake.engine().setPageSize(25);
    }

    @After
    public void tearDown() {
        f.close();
    }

    @Test
    public void aBacklogBiggerThanOnePollIsReadCompletelyOnceAndOldestFirst() throws Exception {
        String cursor = f.provider.fetchInbound(ALICE, null).cursor();
        List<String> expected = new ArrayList<>();
        List<String> expectedSent = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            String contact = "+1206555" + String.format("%04d", 1000 + i % 30);
            expected.add(f.fake.engine().receiveQuietly(ACCOUNT, contact, "reply " + i).substring("/messages/".length()));
            if (i % 100 == 0) { // outgoing mixed in
                expectedSent.add(f.provider.send(ALICE, new OutboundText(contact, "our text " + i)).providerMessageId());
            }
        }
        List<String> read = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        InboundBatch batch;
        do {
            batch = f.provider.fetchInbound(ALICE, cursor);
            batch.texts().forEach(t -> read.add(t.providerMessageId()));
            batch.sent().forEach(t -> sent.add(t.providerMessageId()));
            more.add(batch.more());
            cursor = batch.cursor();
        } while (batch.more() && more.size() < 10);

        assertEquals("1,212 texts at 500 a poll", List.of(true, true, false), more);
        assertEquals("first text read out of order or twice", -1, firstMismatch(expected, read));
        assertEquals(expected.size(), new HashSet<>(read).size());
        assertEquals("the outgoing ones, oldest first, each once", expectedSent, sent);
        InboundBatch after = f.provider.fetchInbound(ALICE, cursor);
        assertEquals("nothing new afterwards", 0, after.texts().size() + after.sent().size());
    }

    private static int firstMismatch(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= expected.size() || i >= actual.size() || !expected.get(i).equals(actual.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    public void textsThatCameInWhileWebhooksWereLostArriveByPollWithTheirExactBody() throws Exception {
        String cursor = f.provider.fetchInbound(ALICE, null).cursor();
        String body = "Ça va? 5 € ^{} 😀 中文";
        f.fake.engine().receiveQuietly(ACCOUNT, "+12065550123", body);

        InboundBatch batch = f.provider.fetchInbound(ALICE, cursor);
        assertEquals(1, batch.texts().size());
        InboundText text = batch.texts().get(0);
        assertEquals(body, text.body());
        assertEquals("+12065550123", text.from());
        assertEquals(Fixture.NUMBER, text.to());
        assertFalse(batch.more());
        assertEquals(0, f.provider.fetchInbound(ALICE, batch.cursor()).texts().size());
    }

    /**
     * A recruiter who texts from TextUs's own app (here: a plain API client with her token, not
     * the provider) sends a text the core never saw: the poll hands it over as sent, with its exact
     * body, recipient and state, once; the cursor moves past it.
     */
    @Test
    public void aTextSentOutsideTheCoreArrivesByPollAsSentOnceWithItsExactBody() throws Exception {
        String cursor = f.provider.fetchInbound(ALICE, null).cursor();
        String body = "Sent from the TextUs app: Ça va? 5 € 😀 中文";
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                f.fake.baseUri().resolve(ACCOUNT + "/messages"))
                .header("Authorization", "Bearer tok-alice")
                .header("Accept", "application/vnd.textus+jsonld")
                .header("Content-Type", "application/vnd.textus+jsonld")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"to\":\"+12065550123\",\"body\":\"" + body + "\"}", StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(posted.body(), 201, posted.statusCode());

        InboundBatch batch = f.provider.fetchInbound(ALICE, cursor);
        assertEquals("nothing came in", 0, batch.texts().size());
        assertEquals(1, batch.sent().size());
        SentText sent = batch.sent().get(0);
        assertEquals(body, sent.body());
        assertEquals("+12065550123", sent.to());
        assertEquals(Fixture.NUMBER, sent.from());
        assertTrue(posted.body(), posted.body().contains("/messages/" + sent.providerMessageId()));
        InboundBatch again = f.provider.fetchInbound(ALICE, batch.cursor());
        assertEquals("handed over once", 0, again.sent().size());
    }

    @Test
    public void pollingReportsDeliveryNewsOfSentTextsWithReasons() throws Exception {
        String cursor = f.provider.fetchInbound(ALICE, null).cursor();
        ProviderReceipt r = f.provider.send(ALICE, new OutboundText("+12065550123", "hi"));
        f.fake.engine().setDeliveryState("/messages/" + r.providerMessageId(), "failed", "carrier_filtered");

        InboundBatch batch = f.provider.fetchInbound(ALICE, cursor);
        StatusUpdate update = batch.statusUpdates().stream()
                .filter(u -> u.providerMessageId().equals(r.providerMessageId())).findFirst().orElseThrow();
        assertEquals(DeliveryStatus.FAILED, update.status());
        assertTrue(update.reason(), update.reason().contains("carrier blocked or filtered"));
        assertTrue(update.reason(), update.reason().contains("carrier_filtered"));
    }

    @Test
    public void aFailingPageLeavesTheCursorWhereItWasAndTheNextPollReadsIt() throws Exception {
        String cursor = f.provider.fetchInbound(ALICE, null).cursor();
        f.fake.engine().receiveQuietly(ACCOUNT, "+12065550123", "hello");
        f.fake.engine().faults().failNext(500, 1);
        try {
            f.provider.fetchInbound(ALICE, cursor);
        } catch (org.atstexting.texting.spi.ProviderException e) {
            // the core repeats at the next interval with the same cursor
        }
        assertEquals(1, f.provider.fetchInbound(ALICE, cursor).texts().size());
    }
}
