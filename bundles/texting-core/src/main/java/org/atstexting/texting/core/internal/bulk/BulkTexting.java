package org.atstexting.texting.core.internal.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.BulkEvents;
import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.BulkRecipient.State;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.providers.SentTextFinder;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;

/**
 * The bulk texting service: a job is planned and stored whole ({@link BulkPlanner},
 * {@link BulkStore}) before the first text, then one worker thread sends it
 * ({@link BulkWorker}). Its settings apply live: a console edit never restarts the worker.
 */
@Component(service = { BulkTextingService.class, BulkTexting.class }, configurationPid = BulkConfiguration.PID,
        immediate = true)
public final class BulkTexting implements BulkTextingService {

    private static final Logger LOG = Logger.getLogger(BulkTexting.class.getName());

    private final SendGate gate;
    private final BulkStore store;
    private final BulkClaims claims;
    private final BulkPlanner planner;
    private final BulkWorker worker;
    private final Clock clock;
    private final Object signal = new Object();
    /** Counts wake-ups, so one that comes between a step and the wait after it is not lost. */
    private long wakeups;
    /** Set under this instance's monitor: a job is stored only by an instance that is not stopping. */
    private volatile boolean stopped;
    private final Thread thread;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin eventAdmin;

    @Activate
    public BulkTexting(@Reference TextingDatabase database, @Reference SendGate gate,
            @Reference SentTextFinder finder, @Reference HostRecords records, @Reference TemplateService templates,
            BulkConfiguration config, BundleContext context) {
        this(database, gate, finder, records, templates, null, config, Clock.systemUTC(),
                BulkNode.id(config, context), true);
    }

    /**
     * @param events where progress is announced; {@code null}: this component's EventAdmin
     * @param node   this node's id in claims: the same after a restart, different on every node
     */
    public BulkTexting(TextingDatabase database, SendGate gate, SentTextFinder finder, HostRecords records,
            TemplateService templates, Supplier<EventAdmin> events, BulkConfiguration config, Clock clock,
            String node, boolean startThread) {
        this.gate = gate;
        this.store = new BulkStore(database);
        this.claims = new BulkClaims(store, node, config.claimSeconds());
        this.clock = clock;
        this.planner = new BulkPlanner(gate, records, templates, clock);
        this.worker = new BulkWorker(store, claims, gate, finder,
                new BulkAnnouncer(events != null ? events : () -> eventAdmin), clock, settings(config));
        if (startThread) {
            thread = new Thread(this::work, "ats-texting bulk sender");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    private static BulkWorker.Settings settings(BulkConfiguration config) {
        QuietHours hours = QuietHours.of(config); // refuses a bad window before anything changes
        double rate = config.bulkSendsPerSecond() > 0 ? config.bulkSendsPerSecond() : 1.0;
        return new BulkWorker.Settings(hours, Duration.ofNanos((long) (1_000_000_000L / rate)));
    }

    @Modified
    void modified(BulkConfiguration config) {
        worker.apply(settings(config));
        claims.lease(config.claimSeconds());
        wake(); // a new rate or window applies to the next step, not after the current wait
    }

    @Deactivate
    public void stop() {
        synchronized (this) {
            // a start() under way finishes (its job is committed, the next instance loads it) before this;
            // a start() after it is refused rather than stored where no worker runs it
            stopped = true;
        }
        worker.stop();
        wake();
        if (thread != null) {
            try {
                // not interrupted: a send under way finishes and is committed before the store
                // closes (a second instance must not find it SENDING while it is still going out)
                thread.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- API

    @Override
    public BulkJob start(BulkRequest request) throws TextingException {
        return start(planner.plan(request));
    }

    /**
     * Starts a job under a given id, once: if a job with that id exists (started before a
     * crash), it is that job. Scheduled jobs start this way.
     */
    public BulkJob startAs(String jobId, BulkRequest request) throws TextingException {
        if (store.job(jobId).isPresent()) {
            return view(jobId);
        }
        return start(planner.plan(request, jobId));
    }

    /** This node's id in claims (configured, a framework property, or made once and kept). */
    public static String nodeId(BulkConfiguration config, BundleContext context) {
        return BulkNode.id(config, context);
    }

    private BulkJob start(BulkPlanner.Plan plan) throws TextingException {
        StoredJob job = plan.job();
        Counts counts = new Counts();
        plan.recipients().forEach(r -> counts.count(r.state(), 1));
        synchronized (this) {
            if (stopped) {
                // this instance is being replaced (its bundle stops) and its worker has ended:
                // a job stored now would wait for a restart
                throw new TextingException(Reason.SERVICE_UNAVAILABLE,
                        "The bulk service is restarting; start the job again in a moment");
            }
            store.create(job.withState(BulkJob.State.RUNNING, counts), plan.recipients());
            BulkRun run = new BulkRun(job, counts);
            BulkAnnouncer announcer = worker.announcer();
            announcer.post(BulkEvents.STARTED, run, null);
            plan.recipients().stream().filter(r -> r.state() == State.SKIPPED)
                    .forEach(r -> announcer.post(BulkEvents.RECIPIENT, run, r));
        }
        LOG.info(() -> "Bulk job " + job.id() + " of " + job.userId() + ": " + job.total() + " recipients");
        wake();
        return view(job.id());
    }

    @Override
    public BulkJob job(String actingUserId, String jobId) throws TextingException {
        requireJob(actingUserId, jobId);
        return view(jobId);
    }

    @Override
    public List<BulkJob> jobs(String actingUserId) throws TextingException {
        gate.requireCanText(actingUserId);
        boolean admin = gate.isAdmin(actingUserId);
        List<BulkJob> result = new ArrayList<>();
        for (StoredJob job : store.jobs()) {
            if (admin || job.userId().equals(actingUserId)) {
                result.add(view(job.id()));
            }
        }
        result.sort(Comparator.comparing(BulkJob::createdAt).reversed());
        return result;
    }

    @Override
    public List<BulkRecipient> recipients(String actingUserId, String jobId) throws TextingException {
        requireJob(actingUserId, jobId);
        return store.recipients(jobId).stream().map(StoredRecipient::view).toList();
    }

    @Override
    public BulkJob cancel(String actingUserId, String jobId) throws TextingException {
        StoredJob job = requireJob(actingUserId, jobId);
        if (store.end(jobId, BulkJob.State.CANCELLED, false)) {
            worker.drop(jobId); // other nodes drop it at their next step
            worker.announcer().post(BulkEvents.CANCELLED, new BulkRun(job, store.counts(jobId)), null);
        }
        wake();
        return view(jobId);
    }

    private StoredJob requireJob(String actingUserId, String jobId) throws TextingException {
        gate.requireCanText(actingUserId);
        StoredJob job = store.job(jobId).orElseThrow(() -> new TextingException(Reason.RECORD_NOT_FOUND,
                "There is no bulk job " + jobId));
        if (!job.userId().equals(actingUserId) && !gate.isAdmin(actingUserId)) {
            throw new TextingException(Reason.NOT_PERMITTED, "Bulk job " + jobId + " belongs to " + job.userId()
                    + "; only they or an admin may see or change it");
        }
        return job;
    }

    BulkJob view(String jobId) {
        StoredJob job = store.job(jobId).orElseThrow();
        BulkRun run = job.state() == BulkJob.State.RUNNING ? worker.run(jobId) : null;
        Counts counts = job.counts();
        return new BulkJob(job.id(), job.userId(), job.provider(), job.description(), job.createdAt(), job.state(),
                job.total(), counts.pending, counts.sent, counts.skipped, counts.failed,
                run == null ? null : run.waitingUntil);
    }

    // ---------------------------------------------------------------- the thread

    /** One step of the worker; public for tests that drive it with their own clock. */
    public Instant step() {
        return worker.step();
    }

    private void work() {
        while (!stopped) {
            long seen;
            synchronized (signal) {
                seen = wakeups;
            }
            Instant waitUntil;
            try {
                waitUntil = worker.step();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Bulk sending failed; trying again shortly", e);
                waitUntil = clock.instant().plus(BulkWorker.RETRY_AFTER);
            }
            if (waitUntil != null && !await(waitUntil, seen)) {
                return;
            }
        }
    }

    /** Waits until {@code until} or a wake-up after {@code seen}; false when stopping. */
    private boolean await(Instant until, long seen) {
        long millis = Duration.between(clock.instant(), until).toMillis();
        if (millis <= 0) {
            return true;
        }
        synchronized (signal) {
            if (stopped) {
                return false; // stop() may have woken us before we waited: its wake-up is not lost
            }
            if (wakeups != seen) {
                return true; // a job started (or was cancelled) during the step: look again now
            }
            try {
                signal.wait(millis);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    private void wake() {
        synchronized (signal) {
            wakeups++;
            signal.notifyAll();
        }
    }
}
