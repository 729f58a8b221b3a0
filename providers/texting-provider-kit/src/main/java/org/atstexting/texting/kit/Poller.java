package org.atstexting.texting.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.StatusUpdate;

/** How the checks drive a target: send, poll until the provider says "no more", wait for news. */
final class Poller {

    /** How long a push or a status may take to show up. */
    static final long WAIT_MILLIS = 10_000;
    /** More polling rounds than any honest backlog here needs; a provider that says "more" for ever fails. */
    private static final int MAX_ROUNDS = 200;

    /** What polling from a cursor until the provider says "no more" read. */
    static final class Polled {
        final List<InboundText> texts = new ArrayList<>();
        final List<StatusUpdate> statuses = new ArrayList<>();
        String cursor;
        boolean sawMore;
    }

    private final ConformanceTarget target;

    Poller(ConformanceTarget target) {
        this.target = target;
    }

    ProviderReceipt send(String body) throws ProviderException {
        return target.provider().send(target.credentials(), new OutboundText(target.phone(), body));
    }

    Polled drain(String cursor) throws ProviderException {
        Polled p = new Polled();
        p.cursor = cursor;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            var batch = target.provider().fetchInbound(target.credentials(), p.cursor);
            p.texts.addAll(batch.texts());
            p.statuses.addAll(batch.statusUpdates());
            p.cursor = batch.cursor();
            if (!batch.more()) {
                return p;
            }
            p.sawMore = true;
        }
        throw new AssertionError("the provider still said 'more' after " + MAX_ROUNDS + " polls");
    }

    Polled drainQuietly(String cursor) {
        try {
            return drain(cursor);
        } catch (ProviderException e) {
            throw new AssertionError("a poll failed: " + e.getMessage(), e);
        }
    }

    /** The bodies, each checked to be from the target's phone. */
    List<String> bodies(List<InboundText> texts) {
        for (InboundText t : texts) {
            assertEquals("an inbound text is from the phone that sent it", target.phone(), t.from());
        }
        return texts.stream().map(InboundText::body).toList();
    }

    static List<InboundText> withBody(List<InboundText> texts, String body) {
        return texts.stream().filter(t -> t.body().equals(body)).toList();
    }

    static List<DeliveryStatus> statuses(List<StatusUpdate> updates, String id) {
        return updates.stream().filter(u -> u.providerMessageId().equals(id)).map(StatusUpdate::status).toList();
    }

    static void await(String what, BooleanSupplier condition, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
