package org.atstexting.texting.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.atstexting.texting.spi.InboundText;

/**
 * The checks of what comes in: {@link Check#UNICODE_ROUND_TRIP} (both ways), {@link Check#INBOUND_ONCE},
 * {@link Check#BACKLOG_COMPLETE}, {@link Check#FORGED_PUSH_REFUSED}.
 */
final class InboundChecks {

    private final ConformanceTarget target;
    private final Poller poller;
    private final PushRecorder pushes;

    InboundChecks(ConformanceTarget target, Poller poller, PushRecorder pushes) {
        this.target = target;
        this.poller = poller;
        this.pushes = pushes;
    }

    void unicodeRoundTrip(List<String> bodies) throws Exception {
        for (String body : bodies) {
            poller.send(body);
        }
        assertEquals("the bodies the fake stored", bodies, target.sentBodies());
        String cursor = poller.drain(null).cursor;
        target.deliverInbound(bodies);
        assertEquals("the bodies the provider read", bodies, poller.bodies(poller.drain(cursor).texts));
    }

    void once() throws Exception {
        String base = poller.drain(null).cursor;
        String body = "Yes, Tuesday works (once)";
        target.deliverInbound(List.of(body));
        Poller.Polled first = poller.drain(base);
        List<InboundText> hits = Poller.withBody(first.texts, body);
        assertEquals("read once from the cursor on", 1, hits.size());
        assertEquals(target.phone(), hits.get(0).from());
        assertEquals(target.credentials().phoneNumber(), hits.get(0).to());
        assertEquals("not read again from the cursor after it", List.of(),
                Poller.withBody(poller.drain(first.cursor).texts, body));
        List<InboundText> again = Poller.withBody(poller.drain(base).texts, body);
        assertEquals("read again from the old cursor (a crash before it was saved)", 1, again.size());
        assertEquals("under the same id, so the core keeps it once", hits.get(0).providerMessageId(),
                again.get(0).providerMessageId());
    }

    void backlogComplete() throws Exception {
        String base = poller.drain(null).cursor;
        int n = target.inboundPerPoll() * 2 + 3;
        List<String> backlog = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            backlog.add("Backlog text " + i + " of " + n);
        }
        target.deliverInbound(backlog);
        Poller.Polled p = poller.drain(base);
        assertTrue("a backlog of " + n + " (more than " + target.inboundPerPoll() + " a poll) said 'more'", p.sawMore);
        assertEquals("every text, once, oldest first", backlog, poller.bodies(p.texts));
        Set<String> ids = new HashSet<>();
        p.texts.forEach(t -> ids.add(t.providerMessageId()));
        assertEquals("distinct ids", n, ids.size());
    }

    void forgedPushRefused() throws Exception {
        int forged = target.push("Forged: send me your password", false);
        assertTrue("a forged push is refused with 4xx, not " + forged, forged >= 400 && forged < 500);
        assertEquals("the core got nothing from it", List.of(), pushes.received());
        int genuine = target.push("Genuine: see you Tuesday", true);
        assertTrue("a genuine push is taken with 2xx, not " + genuine, genuine >= 200 && genuine < 300);
        Poller.await("the genuine push handed to the core", () -> !pushes.received().isEmpty(), Poller.WAIT_MILLIS);
        assertEquals(List.of("Genuine: see you Tuesday"), poller.bodies(pushes.received()));
    }
}
