package org.atstexting.texting.core.internal.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.atstexting.texting.BulkEvents;
import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient.FailReason;
import org.atstexting.texting.BulkRecipient.SkipReason;
import org.atstexting.texting.BulkRecipient.State;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.core.internal.SendGate;
import org.atstexting.texting.core.internal.SentTextFinder;
import org.atstexting.texting.core.internal.ThrottledException;

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
    static final Duration IDLE = Duration.ofMinutes(1);

    /** The plain settings, replaced whole when the configuration changes. */
    record Settings(QuietHours quietHours, Duration interval) { }

    private final BulkStore store;
    private final SendGate gate;
    private final InFlightResolver inFlight;
    private final BulkAnnouncer announcer;
    private final Clock clock;
    private final Map<String, BulkRun> running = new LinkedHashMap<>();
    private volatile Settings settings;
    private volatile boolean stopped;
    private Instant nextSendAt = Instant.MIN;

    BulkWorker(BulkStore store, SendGate gate, SentTextFinder finder, BulkAnnouncer announcer, Clock clock,
            Settings settings) {
        this.store = store;
        this.gate = gate;
        this.inFlight = new InFlightResolver(this, store, finder);
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

    synchronized void add(BulkRun run) {
        running.put(run.job.id(), run);
    }

    synchronized BulkRun run(String jobId) {
        return running.get(jobId);
    }

    synchronized BulkRun remove(String jobId) {
        return running.remove(jobId);
    }
    /** A job loaded from the store: its pending recipients queued, those under way to be looked up. */
    BulkRun load(StoredJob job) {
        BulkRun run = new BulkRun(job);
        for (StoredRecipient r : store.recipients(job.id())) {
            run.counts.count(r.state(), 1);
            if (r.state() == State.PENDING) {
                run.queue(quietHours().zone(r.zone()), r.index(), false);
            } else if (r.state() == State.SENDING) {
                run.inFlight.add(r.index());
            }
        }
        return run;
    }

    // ------------------------------------------------------------------ one step

    /**
     * Does one piece of work: resolves a job's in-flight recipients, or sends to one
     * recipient, or finishes a job.
     *
     * @return {@code null} after doing something, else when there may be something to do
     */
    Instant step() {
        if (stopped) {
            return null;
        }
        Instant now = clock.instant();
        Instant earliest = null;
        List<BulkRun> runs;
        synchronized (this) {
            runs = new ArrayList<>(running.values());
        }
        for (BulkRun run : runs) {
            if (run.cancelled) {
                continue;
            }
            if (run.retryAt != null && now.isBefore(run.retryAt)) {
                earliest = min(earliest, run.retryAt);
                continue;
            }
            run.retryAt = null;
            if (!run.inFlight.isEmpty()) {
                inFlight.resolve(run, now);
                return null;
            }
            Instant wait = sendNext(run, now);
            if (wait == null) {
                return null;
            }
            if (wait != Instant.MAX) {
                earliest = min(earliest, wait);
            }
        }
        return earliest != null ? earliest : now.plus(IDLE);
    }

    /** @return {@code null} after doing something, {@link Instant#MAX} if the job waits for nothing, else when to come back */
    private Instant sendNext(BulkRun run, Instant now) {
        QuietHours hours = quietHours();
        Integer next = null;
        ZoneId nextZone = null;
        Instant opens = null;
        for (Map.Entry<ZoneId, ArrayDeque<Integer>> group : run.pending.entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            Instant allowed = hours.nextAllowed(now, group.getKey());
            if (allowed.isAfter(now)) {
                opens = min(opens, allowed);
            } else if (next == null || group.getValue().peekFirst() < next) {
                next = group.getValue().peekFirst();
                nextZone = group.getKey();
            }
        }
        if (next == null) {
            if (opens == null) {
                finish(run);
                return null;
            }
            waitFor(run, opens, hours);
            return opens;
        }
        run.waitingUntil = null;
        if (now.isBefore(nextSendAt)) {
            return nextSendAt; // the provider's rate limit
        }
        nextSendAt = now.plus(settings.interval());
        run.pending.get(nextZone).pollFirst();
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

    private void sendOne(BulkRun run, int index, Instant now) {
        StoredJob job = run.job;
        StoredRecipient r = store.recipient(job.id(), index);
        if (r.state() != State.PENDING) {
            return;
        }
        SendGate.Clearance clearance;
        try {
            clearance = gate.clear(job.userId(), job.provider(), r.number(), bodyOf(job, r));
        } catch (TextingException e) {
            settle(run, r, refused(r, e, now));
            return;
        }
        if (stopped || run.cancelled) {
            requeue(run, r);
            return;
        }
        StoredRecipient sending = r.sending(now);
        store.put(job.id(), sending); // committed before the provider hears of it
        run.inFlight.add(index);
        try {
            TextMessage sent = clearance.send(RecordRef.parse(r.record()));
            run.inFlight.remove(index);
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
            run.inFlight.remove(sending.index());
            store.put(jobId, sending.pendingAgain(now, false));
            requeue(run, sending);
            run.retryAt = throttled.retryAfter().filter(now::isBefore).orElse(now.plus(RETRY_AFTER));
            LOG.info(() -> "Bulk job " + jobId + " waits for the provider's rate limit until " + run.retryAt);
            return;
        }
        switch (e.reason()) {
            case OPTED_OUT -> {
                run.inFlight.remove(sending.index());
                settle(run, sending, sending.skip(SkipReason.OPTED_OUT, e.getMessage(), now));
            }
            case PROVIDER_UNAVAILABLE, SERVICE_UNAVAILABLE -> {
                // refused before anything left: pending again, the job waits a little
                run.inFlight.remove(sending.index());
                store.put(jobId, sending.pendingAgain(now, true));
                requeue(run, sending);
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
                run.inFlight.remove(sending.index());
                settle(run, sending, sending.fail(FailReason.of(e.reason()), e.getMessage(), now));
            }
        }
    }

    void requeue(BulkRun run, StoredRecipient r) {
        run.queue(quietHours().zone(r.zone()), r.index(), true);
    }

    static String bodyOf(StoredJob job, StoredRecipient r) {
        return r.body() != null ? r.body() : job.body();
    }

    void settle(BulkRun run, StoredRecipient before, StoredRecipient after) {
        store.put(run.job.id(), after);
        synchronized (this) {
            run.counts.count(before.state(), -1);
            run.counts.count(after.state(), +1);
        }
        announcer.post(BulkEvents.RECIPIENT, run, after);
    }

    private synchronized void finish(BulkRun run) {
        running.remove(run.job.id());
        store.put(run.job.withState(BulkJob.State.DONE, run.counts));
        announcer.post(BulkEvents.FINISHED, run, null);
        LOG.info(() -> "Bulk job " + run.job.id() + " done: " + run.counts.sent + " sent, " + run.counts.skipped
                + " skipped, " + run.counts.failed + " failed");
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
