package org.atstexting.texting.textus.internal;

import static org.atstexting.texting.textus.internal.Fixture.ACCOUNT;
import static org.atstexting.texting.textus.internal.Fixture.ALICE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderReceipt;
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
        for (int i = 0; i < 1_200; i++) {
            String contact = "+1206555" + String.format("%04d", 1000 + i % 30);
            expected.add(f.fake.engine().receiveQuietly(ACCOUNT, contact, "reply " + i).substring("/messages/".length()));
            if (i % 100 == 0) {
                f.provider.send(ALICE, new OutboundText(contact, "our text " + i)); // outgoing mixed in
            }
        }
        List<String> read = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        InboundBatch batch;
        do {
            batch = f.provider.fetchInbound(ALICE, cursor);
            batch.texts().forEach(t -> read.add(t.providerMessageId()));
            more.add(batch.more());
            cursor = batch.cursor();
        } while (batch.more() && more.size() < 10);

        assertEquals(List.of(true, true, false), more);
        assertEquals("first text read out of order or twice", -1, firstMismatch(expected, read));
        assertEquals(expected.size(), new HashSet<>(read).size());
        assertEquals("nothing new afterwards", 0, f.provider.fetchInbound(ALICE, cursor).texts().size());
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
