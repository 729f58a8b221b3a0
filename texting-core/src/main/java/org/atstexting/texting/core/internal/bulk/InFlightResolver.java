package org.atstexting.texting.core.internal.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.logging.Logger;

import org.atstexting.texting.BulkRecipient.FailReason;
import org.atstexting.texting.BulkRecipient.State;
import org.atstexting.texting.core.internal.SentTextFinder;

/**
 * Resolves recipients whose send was under way (a crash, a lost answer) by a look-up at the
 * provider, before anything else of their job is sent: never a blind resend.
 */
final class InFlightResolver {

    private static final Logger LOG = Logger.getLogger(InFlightResolver.class.getName());

    private final BulkWorker worker;
    private final BulkStore store;
    private final SentTextFinder finder;

    InFlightResolver(BulkWorker worker, BulkStore store, SentTextFinder finder) {
        this.worker = worker;
        this.store = store;
        this.finder = finder;
    }

    /** Finds out whether in-flight texts went out: a look-up at the provider, never a blind resend. */
    void resolve(BulkRun run, Instant now) {
        StoredJob job = run.job;
        if (!finder.refresh(job.userId(), job.provider())) {
            run.retryAt = now.plus(BulkWorker.RETRY_AFTER);
            LOG.warning(() -> "Bulk job " + job.id() + " waits: the provider could not be asked whether "
                    + run.inFlight.size() + " text(s) under way went out");
            return;
        }
        for (Integer index : new ArrayList<>(run.inFlight)) {
            StoredRecipient r = store.recipient(job.id(), index);
            run.inFlight.remove(index);
            if (r.state() == State.SENDING) {
                resolveOne(run, r, now);
            }
        }
    }

    private void resolveOne(BulkRun run, StoredRecipient r, Instant now) {
        StoredJob job = run.job;
        SentTextFinder.Lookup found = finder.find(job.userId(), job.provider(), r.number(), BulkWorker.bodyOf(job, r),
                r.attemptAt().minus(BulkWorker.CLOCK_SLACK));
        switch (found.outcome()) {
            case SENT -> worker.settle(run, r, r.sent(found.messageKey(), now));
            case UNKNOWN -> worker.settle(run, r, r.fail(FailReason.OUTCOME_UNKNOWN, "The send was under way when it was "
                    + "interrupted and " + job.provider() + " does not report its sent history, so it was not sent "
                    + "again (nobody is texted twice); check the conversation and text by hand if needed", now));
            case NOT_SENT -> {
                if (r.attempts() >= BulkWorker.MAX_ATTEMPTS) {
                    worker.settle(run, r, r.fail(FailReason.PROVIDER_ERROR, "Not sent after " + r.attempts() + " attempts",
                            now));
                } else {
                    StoredRecipient again = r.pendingAgain(now, true);
                    store.put(job.id(), again);
                    worker.requeue(run, again);
                }
            }
        }
    }

}
