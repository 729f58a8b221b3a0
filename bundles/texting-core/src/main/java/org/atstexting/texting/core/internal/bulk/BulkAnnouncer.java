package org.atstexting.texting.core.internal.bulk;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.atstexting.texting.BulkEvents;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Announces a job's progress on EventAdmin ({@link BulkEvents}); without EventAdmin nothing is announced. */
final class BulkAnnouncer {

    private final Supplier<EventAdmin> eventAdmin;

    BulkAnnouncer(Supplier<EventAdmin> eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void post(String topic, BulkRun run, StoredRecipient r) {
        EventAdmin admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put(BulkEvents.JOB_ID, run.job.id());
        p.put(BulkEvents.USER_ID, run.job.userId());
        p.put(BulkEvents.TOTAL, run.job.total());
        p.put(BulkEvents.SENT, run.counts.sent);
        p.put(BulkEvents.SKIPPED, run.counts.skipped);
        p.put(BulkEvents.FAILED, run.counts.failed);
        p.put(BulkEvents.PENDING, run.counts.pending);
        if (run.waitingUntil != null) {
            p.put(BulkEvents.WAITING_UNTIL, run.waitingUntil.toString());
        }
        if (r != null) {
            p.put(BulkEvents.RECORD, r.record());
            p.put(BulkEvents.RECIPIENT_STATE, r.state().name());
            String reason = r.view().reason();
            if (reason != null) {
                p.put(BulkEvents.REASON, reason);
            }
            if (r.messageKey() != null) {
                p.put(BulkEvents.MESSAGE_KEY, r.messageKey());
            }
        }
        admin.postEvent(new Event(topic, p));
    }
}
