package org.atstexting.texting.core.internal.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import org.atstexting.texting.BulkEvents;
import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient.FailReason;
import org.atstexting.texting.BulkRecipient.SkipReason;
import org.atstexting.texting.BulkRecipient.State;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.core.internal.providers.SentTextFinder;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.core.internal.sending.ThrottledException;

/**
 * Sends the running jobs, one recipient a step, at the configured rate, inside the quiet
 * hours window at each recipient's local time. Every recipient passes the {@link SendGate}
 * again just before its text goes (the user may have lost the permission, the number may
 * have opted out since). Never twice: a recipient is stored as {@code SENDING} before its
 * text goes and as {@code SENT} after; one found {@code SENDING} is looked up before
 * anything else of its job is sent ({@link InFlightResolver}). A throttled send (nothing
 * sent) is pending again, without using an attempt or a look-up.
 */
final class BulkWorker {

    private static final Logger LOG = Logger.getLogger(BulkWorker.class.getName());

    /** How long before its attempt a text found in the sent history may be (provider clocks differ). */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(2);
    static final int MAX_ATTEMPTS = 5;
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    /** How often an idle node looks for jobs started elsewhere. */
    static final Duration IDLE = Duration.ofSeconds(5);
    /** How many recipients a node claims at a time. */
    static final int BATCH = 20;

    /** The plain settings, replaced whole when the configuration changes. */
    record Settings(QuietHours quietHours, Duration interval) { }

    private final BulkStore store;
    private final BulkClaims claims;
    private final SendGate gate;
    private final InFlightResolver inFlight;
    private final BulkAnnouncer announcer;
    private final Clock clock;
    private final Map<String, BulkRun> running = new LinkedHashMap<>();
    private volatile Settings settings;
    private volatile boolean stopped;
    private Instant nextSendAt = Instant.MIN;

    BulkWorker(BulkStore store, BulkClaims claims, SendGate gate, SentTextFinder finder, BulkAnnouncer announcer,
            Clock clock, Settings settings) {
        this.store = store;
        this.claims = claims;
        this.gate = gate;
        this.inFlight = new InFlightResolver(this, finder);
        this.announcer = announcer;
        this.clock = clock;
        this.settings = settings;
    }

    void apply(Settings newSettings) {
        this.settings = newSettings;
    }

    /** No more sends start; one under way finishes and is stored. */
    void stop() {
        stopped = true;
    }

    BulkAnnouncer announcer() {
        return announcer;
    }

    QuietHours quietHours() {
        return settings.quietHours();
    }

    // ------------------------------------------------------------------ the running jobs

    synchronized BulkRun run(String jobId) {
        return running.get(jobId);
    }

    /** Forgets a job this node ran (cancelled or done) and gives its claims back. */
    void drop(String jobId) {
        BulkRun run;
        synchronized (this) {
            run = running.remove(jobId);
        }
        if (run != null) {
            run.cancelled = true;
            claims.release(jobId);
        }
    }

    /** The running jobs of every node, as the database has them: a job started anywhere is worked on here too. */
    private List<BulkRun> refresh() {
        List<StoredJob> jobs = store.running();
        synchronized (this) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (StoredJob job : jobs) {
                ids.add(job.id());
                running.computeIfAbsent(job.id(), id -> new BulkRun(job, store.counts(id)));
            }
            running.keySet().retainAll(ids);
            return new ArrayList<>(running.values());
        }
    }

    // ------------------------------------------------------------------ one step

    /**
     * Does one piece of work: resolves a job's texts under way, or sends to one recipient, or
     * finishes a job.
     *
     * @return {@code null} after doing something, else when there may be something to do
     */
    Instant step() {
        if (stopped) {
            return null;
        }
        Instant now = clock.instant();
        Instant earliest = null;
        for (BulkRun run : refresh()) {
            if (run.retryAt != null && now.isBefore(run.retryAt)) {
                earliest = min(earliest, run.retryAt);
                continue;
            }
            run.retryAt = null;
            List<StoredRecipient> underWay = claims.claimInFlight(run.job.id());
            if (!underWay.isEmpty()) {
                inFlight.resolve(run, underWay, now);
                return null;
            }
            Instant wait = sendNext(run, now);
            if (wait == null) {
                return null;
            }
            earliest = min(earliest, wait);
        }
        return earliest != null ? earliest : now.plus(IDLE);
    }

    /** @return {@code null} after doing something, else when to come back to the job */
    private Instant sendNext(BulkRun run, Instant now) {
        QuietHours hours = quietHours();
        if (run.claimed.isEmpty()) {
            Set<String> zones = claims.pendingZones(run.job.id());
            if (zones.isEmpty()) {
                return finish(run, now);
            }
            Set<String> open = new HashSet<>();
            Instant opens = null;
            for (String zone : zones) {
                Instant allowed = hours.nextAllowed(now, hours.zone(zone));
                if (allowed.isAfter(now)) {
                    opens = min(opens, allowed);
                } else {
                    open.add(zone);
                }
            }
            if (open.isEmpty()) {
                waitFor(run, opens, hours);
                return opens;
            }
            run.waitingUntil = null;
            run.claimed.addAll(claims.claimPending(run.job.id(), open, BATCH));
            if (run.claimed.isEmpty()) {
                return now.plus(RETRY_AFTER); // other nodes hold the rest
            }
        }
        if (now.isBefore(nextSendAt)) {
            return nextSendAt; // the provider's rate limit
        }
        StoredRecipient next = run.claimed.pollFirst();
        if (hours.nextAllowed(now, hours.zone(next.zone())).isAfter(now)) {
            claims.release(run.job.id()); // its window closed since the claim: claimed again when it opens
            run.claimed.clear();
            return null;
        }
        nextSendAt = now.plus(settings.interval());
        sendOne(run, next, now);
        return null;
    }

    private void waitFor(BulkRun run, Instant opens, QuietHours hours) {
        if (!opens.equals(run.waitingUntil)) {
            run.waitingUntil = opens;
            announcer.post(BulkEvents.WAITING, run, null);
            LOG.info(() -> "Bulk job " + run.job.id() + " waits for quiet hours (" + hours + ") to end at " + opens);
        }
    }

    private void sendOne(BulkRun run, StoredRecipient r, Instant now) {
        StoredJob job = run.job;
        SendGate.Clearance clearance;
        try {
            clearance = gate.clear(job.userId(), job.provider(), r.number(), bodyOf(job, r));
        } catch (TextingException e) {
            settle(run, r, refused(r, e, now));
            return;
        }
        if (stopped || run.cancelled) {
            return; // the claim is given back or runs out
        }
        StoredRecipient sending = r.sending(now);
        if (!claims.markSending(job.id(), sending)) {
            return; // this node's claim ran out and another node took the recipient over
        }
        try {
            TextMessage sent = clearance.send(RecordRef.parse(r.record()));
            settle(run, sending, sending.sent(sent.key(), clock.instant()));
        } catch (TextingException e) {
            failed(run, sending, e);
        }
    }

    /** What the gate's refusal makes of a recipient: skipped when it opted out, else failed. */
    private StoredRecipient refused(StoredRecipient r, TextingException e, Instant now) {
        return e.reason() == TextingException.Reason.OPTED_OUT ? r.skip(SkipReason.OPTED_OUT, e.getMessage(), now)
                : r.fail(FailReason.of(e.reason()), e.getMessage(), now);
    }

    private void failed(BulkRun run, StoredRecipient sending, TextingException e) {
        String jobId = run.job.id();
        Instant now = clock.instant();
        if (e instanceof ThrottledException throttled) {
            // nothing was sent: pending again, no attempt used, no look-up needed
            settle(run, sending, sending.pendingAgain(now, false));
            run.retryAt = throttled.retryAfter().filter(now::isBefore).orElse(now.plus(RETRY_AFTER));
            LOG.info(() -> "Bulk job " + jobId + " waits for the provider's rate limit until " + run.retryAt);
            return;
        }
        switch (e.reason()) {
            case OPTED_OUT -> {
                settle(run, sending, sending.skip(SkipReason.OPTED_OUT, e.getMessage(), now));
            }
            case PROVIDER_UNAVAILABLE, SERVICE_UNAVAILABLE -> {
                // refused before anything left: pending again, the job waits a little
                settle(run, sending, sending.pendingAgain(now, true));
                run.retryAt = now.plus(RETRY_AFTER);
                LOG.warning(() -> "Bulk job " + jobId + " waits: " + e.getMessage());
            }
            case PROVIDER_ERROR -> {
                // the provider may have taken it: stays SENDING, looked up before anything else is sent
                run.retryAt = now.plus(RETRY_AFTER);
                LOG.warning(() -> "Bulk job " + jobId + ": outcome of the text to " + sending.number()
                        + " unknown (" + e.getMessage() + "); looking it up before sending again");
            }
            default -> {
                settle(run, sending, sending.fail(FailReason.of(e.reason()), e.getMessage(), now));
            }
        }
    }

    static String bodyOf(StoredJob job, StoredRecipient r) {
        return r.body() != null ? r.body() : job.body();
    }

    void settle(BulkRun run, StoredRecipient before, StoredRecipient after) {
        run.counts = store.transition(run.job.id(), before, after);
        announcer.post(BulkEvents.RECIPIENT, run, after);
    }

    /** Ends a job with nothing left to send, once, on whichever node sees it first. */
    private Instant finish(BulkRun run, Instant now) {
        String jobId = run.job.id();
        if (!store.end(jobId, BulkJob.State.DONE, true)) {
            return now.plus(RETRY_AFTER); // texts under way at another node: looked up once their claims run out
        }
        synchronized (this) {
            running.remove(jobId);
        }
        run.counts = store.counts(jobId);
        announcer.post(BulkEvents.FINISHED, run, null);
        LOG.info(() -> "Bulk job " + jobId + " done: " + run.counts.sent + " sent, " + run.counts.skipped
                + " skipped, " + run.counts.failed + " failed");
        return null;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
