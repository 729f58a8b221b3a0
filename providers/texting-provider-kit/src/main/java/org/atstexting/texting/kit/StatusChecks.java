package org.atstexting.texting.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.StatusUpdate;

/** The checks of delivery statuses: {@link Check#STATUSES_FORWARD}, {@link Check#FAILED_STATUS_REASON}. */
final class StatusChecks {

    private final ConformanceTarget target;
    private final Poller poller;
    private final PushRecorder pushes;

    StatusChecks(ConformanceTarget target, Poller poller, PushRecorder pushes) {
        this.target = target;
        this.poller = poller;
        this.pushes = pushes;
    }

    void forward() throws Exception {
        String cursor = poller.drain(null).cursor;
        String id = poller.send("Status, please").providerMessageId();
        List<DeliveryStatus> polled = new ArrayList<>();
        for (DeliveryStatus next : List.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED)) {
            target.moveStatus(id, next);
            cursor = collect(id, cursor, next, polled);
        }
        List<DeliveryStatus> pushed = Poller.statuses(pushes.statuses(), id);
        assertForward("polled", polled);
        assertForward("pushed", pushed);
        assertTrue("DELIVERED was reported (polled " + polled + ", pushed " + pushed + ")",
                polled.contains(DeliveryStatus.DELIVERED) || pushed.contains(DeliveryStatus.DELIVERED));
    }

    void failedReason() throws Exception {
        String cursor = poller.drain(null).cursor;
        String id = poller.send("This one will fail").providerMessageId();
        target.moveStatus(id, DeliveryStatus.FAILED);
        List<StatusUpdate> failed = new ArrayList<>();
        String[] at = { cursor };
        Poller.await("a FAILED status for " + id, () -> {
            Poller.Polled p = poller.drainQuietly(at[0]);
            at[0] = p.cursor;
            failed.addAll(p.statuses);
            failed.removeAll(pushes.statuses());
            failed.addAll(pushes.statuses());
            return failed.stream().anyMatch(u -> u.providerMessageId().equals(id) && u.status() == DeliveryStatus.FAILED);
        }, Poller.WAIT_MILLIS);
        DeliveryFailure expected = target.failure();
        for (StatusUpdate u : failed) {
            if (u.providerMessageId().equals(id) && u.status() == DeliveryStatus.FAILED) {
                assertNotNull("a FAILED status carries a DeliveryFailure", u.failure());
                assertEquals(expected.reason(), u.failure().reason());
                assertEquals("the provider's code is kept", expected.providerCode(), u.failure().providerCode());
            }
        }
    }

    /** Polls (and watches pushes) until {@code wanted} is reported for {@code id}; adds what polls said to {@code polled}. */
    private String collect(String id, String cursor, DeliveryStatus wanted, List<DeliveryStatus> polled) {
        String[] at = { cursor };
        Poller.await(wanted + " for " + id, () -> {
            Poller.Polled p = poller.drainQuietly(at[0]);
            at[0] = p.cursor;
            polled.addAll(Poller.statuses(p.statuses, id));
            return polled.contains(wanted) || Poller.statuses(pushes.statuses(), id).contains(wanted);
        }, Poller.WAIT_MILLIS);
        return at[0];
    }

    private static void assertForward(String channel, List<DeliveryStatus> seen) {
        for (int i = 1; i < seen.size(); i++) {
            DeliveryStatus before = seen.get(i - 1);
            DeliveryStatus now = seen.get(i);
            assertTrue(channel + " statuses moved backwards: " + seen, now == before || before.canMoveTo(now));
        }
    }
}
