package org.atstexting.texting.core.internal.bulk;

import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

import org.atstexting.texting.BulkRecipient.FailReason;
import org.atstexting.texting.core.internal.providers.SentTextFinder;

/**
 * Resolves recipients whose send was under way (a crash, a lost answer, a node whose claim
 * ran out) by a look-up at the provider, before anything else of their job is sent: never
 * a blind resend.
 */
final class InFlightResolver {

    private static final Logger LOG = Logger.getLogger(InFlightResolver.class.getName());

    private final BulkWorker worker;
    private final SentTextFinder finder;

    InFlightResolver(BulkWorker worker, SentTextFinder finder) {
        this.worker = worker;
        this.finder = finder;
    }

    /** Finds out whether the texts under way went out: each is looked up once the provider can be asked. */
    void resolve(BulkRun run, List<StoredRecipient> underWay, Instant now) {
        StoredJob job = run.job;
        if (!finder.reachable(job.userId(), job.provider())) {
            run.retryAt = now.plus(BulkWorker.RETRY_AFTER);
            LOG.warning(() -> "Bulk job " + job.id() + " waits: the provider could not be asked whether "
                    + underWay.size() + " text(s) under way went out");
            return;
        }
        for (StoredRecipient r : underWay) {
            resolveOne(run, r, now);
        }
    }

    private void resolveOne(BulkRun run, StoredRecipient r, Instant now) {
        StoredJob job = run.job;
        SentTextFinder.Lookup found = finder.find(job.userId(), job.provider(), r.number(),
                BulkWorker.bodyOf(job, r), r.attemptAt().minus(BulkWorker.CLOCK_SLACK));
        switch (found.outcome()) {
            case SENT -> worker.settle(run, r, r.sent(found.messageKey(), now));
            case UNKNOWN -> worker.settle(run, r, r.fail(FailReason.OUTCOME_UNKNOWN, "The send was under way when it "
                    + "was interrupted and whether it went out cannot be told (" + found.reason() + "), so it was "
                    + "not sent again (nobody is texted twice); check the conversation and text by hand if needed",
                    now));
            case UNREACHABLE -> {
                run.retryAt = now.plus(BulkWorker.RETRY_AFTER); // stays SENDING: asked again later
                LOG.fine(() -> "Bulk job " + job.id() + " asks again shortly whether its text to " + r.number()
                        + " went out: " + found.reason());
            }
            case NOT_SENT -> worker.settle(run, r, r.attempts() >= BulkWorker.MAX_ATTEMPTS
                    ? r.fail(FailReason.PROVIDER_ERROR, "Not sent after " + r.attempts() + " attempts", now)
                    : r.pendingAgain(now, true));
        }
    }
}
