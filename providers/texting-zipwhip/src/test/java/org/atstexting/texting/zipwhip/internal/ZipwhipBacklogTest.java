package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.junit.Test;

/**
 * A poll never moves its cursor past a message it has not read: a backlog larger than one
 * poll's page budget is read completely, oldest first, across polls that say {@code more}.
 */
public class ZipwhipBacklogTest extends SandboxTestBase {

    /** Polls as the core does: again at once while the batch says more. */
    private List<InboundBatch> pollUntilDone(String cursor, Runnable betweenPolls) throws Exception {
        List<InboundBatch> batches = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, cursor);
            batches.add(batch);
            cursor = batch.cursor();
            if (!batch.more()) {
                return batches;
            }
            betweenPolls.run();
        }
        throw new AssertionError("the backlog never ended");
    }

    private static List<InboundText> texts(List<InboundBatch> batches) {
        return batches.stream().flatMap(b -> b.texts().stream()).toList();
    }

    @Test
    public void aStopBeforeABurstOf1100SendsIsRead() throws Exception {
        provider.modified(config("pageSize", 50, "maxPagesPerPoll", 4));
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        SandboxMessage stop = sandbox.deliverReply(DANA, ALICE, "STOP");
        for (int i = 0; i < 1100; i++) {
            provider.send(ALICE_CREDENTIALS, new OutboundText("+1206555" + String.format("%04d", 3000 + i % 500),
                    "Job alert " + i));
        }
        List<InboundBatch> batches = pollUntilDone(cursor, () -> { });
        assertTrue("one poll's budget (200) is less than the backlog", batches.size() > 1);
        List<InboundText> texts = texts(batches);
        assertEquals(1, texts.size());
        assertEquals(Long.toString(stop.id()), texts.get(0).providerMessageId());
        assertEquals("STOP", texts.get(0).body());
        assertEquals("every send in the sent history once", 1100,
                batches.stream().mapToLong(b -> b.sent().size()).sum());
    }

    @Test
    public void aBacklogOf5000IsReadOnceOldestFirstWhileMoreArrive() throws Exception {
        provider.modified(config("pageSize", 100, "maxPagesPerPoll", 10));
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            expected.add(sandbox.deliverReply("+1206555" + String.format("%04d", 4000 + i % 1000), ALICE,
                    "reply " + i).id());
        }
        int[] n = { 0 };
        // new replies keep arriving between polls: they shift every offset of the walk
        List<InboundBatch> batches = pollUntilDone(cursor, () -> {
            for (int i = 0; i < 37; i++) {
                expected.add(sandbox.deliverReply(DANA, ALICE, "meanwhile " + n[0]++).id());
            }
        });
        assertTrue(batches.size() >= 5);
        List<Long> read = texts(batches).stream().map(t -> Long.parseLong(t.providerMessageId())).toList();
        assertEquals("every message once, oldest first", expected, read);
        assertFalse(batches.get(batches.size() - 1).more());
    }

    @Test
    public void aBacklogIsReadOnceWhileRepliesArriveDuringEveryPageRead() throws Exception {
        provider.modified(config("pageSize", 20, "maxPagesPerPoll", 10));
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        List<Long> backlog = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            backlog.add(sandbox.deliverReply("+1206555" + String.format("%04d", 5000 + i), ALICE, "reply " + i).id());
        }
        sandbox.setRepliesDuringEachList(3); // a busy account: every read of the list finds it moved on
        List<InboundBatch> batches;
        try {
            batches = pollUntilDone(cursor, () -> { });
        } finally {
            sandbox.setRepliesDuringEachList(0);
        }
        List<Long> read = texts(batches).stream().map(t -> Long.parseLong(t.providerMessageId())).toList();
        assertTrue("the backlog was read: " + read.size(), read.containsAll(backlog));
        long highest = read.get(read.size() - 1);
        List<Long> upToHighest = sandbox.messages(ALICE).stream().map(SandboxMessage::id)
                .filter(id -> id > backlog.get(0) - 1 && id <= highest).sorted().toList();
        assertEquals("every message up to the newest read, once, oldest first", upToHighest, read);
    }
}
