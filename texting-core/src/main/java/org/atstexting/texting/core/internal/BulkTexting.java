package org.atstexting.texting.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.BulkEvents;
import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.BulkRecipient.State;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.MessageTemplate;
import org.atstexting.texting.MissingMergeFieldException;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.host.HostUser;
import org.h2.mvstore.Cursor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Bulk texting: a job is checked and stored whole before the first text (numbers
 * normalised and deduplicated, skips with reasons, templates filled in), then one worker
 * thread sends at the configured rate, inside the quiet-hours window at each recipient's
 * local time.
 *
 * <p>Never twice: a recipient is stored as {@code SENDING} (committed) before its text goes
 * to the provider and as {@code SENT} (committed) after. A recipient found {@code SENDING}
 * (after a crash, or when the provider's answer was lost) is resolved before anything else
 * of its job is sent: the account is polled, which puts every text in the provider's sent
 * history into the {@link SentLedger}; if the ledger has the text, the recipient is
 * {@code SENT}; if not, and the provider is known to report its sent history, it was never
 * accepted and is sent again; a provider that never reported sent history cannot tell, so
 * the recipient is {@code FAILED} with {@code OUTCOME_UNKNOWN} rather than risk a second text.
 */
@Component(service = { BulkTextingService.class, BulkTexting.class }, configurationPid = CoreConfiguration.PID,
        immediate = true)
public final class BulkTexting implements BulkTextingService {

    private static final Logger LOG = Logger.getLogger(BulkTexting.class.getName());

    static final String DUPLICATE_NUMBER = "DUPLICATE_NUMBER";
    static final String NO_NUMBER = "NO_NUMBER";
    static final String INVALID_NUMBER = "INVALID_NUMBER";
    static final String RECORD_NOT_FOUND = "RECORD_NOT_FOUND";
    static final String OPTED_OUT = "OPTED_OUT";
    static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

    /** How long before its attempt a text found in the sent history may be (provider clocks differ). */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(2);
    static final int MAX_ATTEMPTS = 5;
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    static final Duration IDLE = Duration.ofMinutes(1);

    /** A job as stored. */
    record StoredJob(String id, String userId, String provider, String description, Instant createdAt,
            BulkJob.State state, int total, String body, String templateName, int sent, int skipped, int failed) {

        StoredJob withState(BulkJob.State newState, Counts counts) {
            return new StoredJob(id, userId, provider, description, createdAt, newState, total, body, templateName,
                    counts.sent, counts.skipped, counts.failed);
        }
    }

    /** A recipient as stored; {@code body} only when a template was filled in for it. */
    /** @param zone the time zone the recipient's quiet hours are read in; {@code null}: the configured one */
    record StoredRecipient(int index, String record, String number, State state, String reason, String detail,
            String messageKey, Instant at, String body, Instant attemptAt, int attempts, String zone) {

        StoredRecipient to(State newState, String newReason, String newDetail, String key, Instant when) {
            return new StoredRecipient(index, record, number, newState, newReason, newDetail, key, when, body,
                    attemptAt, attempts, zone);
        }

        StoredRecipient sending(Instant when) {
            return new StoredRecipient(index, record, number, State.SENDING, null, null, null, when, body, when,
                    attempts + 1, zone);
        }

        BulkRecipient view() {
            return new BulkRecipient(index, RecordRef.parse(record), number, state, reason, detail, messageKey, at);
        }
    }

    static final class Counts {
        int pending;
        int sent;
        int skipped;
        int failed;

        void count(State state, int delta) {
            switch (state) {
                case PENDING, SENDING -> pending += delta;
                case SENT -> sent += delta;
                case SKIPPED -> skipped += delta;
                case FAILED -> failed += delta;
            }
        }
    }

    /** A running job in memory: its pending recipients by the zone their window is read in. */
    private static final class Run {
        final StoredJob job;
        final Counts counts = new Counts();
        final Map<ZoneId, ArrayDeque<Integer>> pending = new LinkedHashMap<>();
        final Set<Integer> inFlight = new HashSet<>();
        volatile boolean cancelled;
        Instant retryAt;
        Instant waitingUntil;

        Run(StoredJob job) {
            this.job = job;
        }

        boolean hasPending() {
            return pending.values().stream().anyMatch(q -> !q.isEmpty());
        }
    }

    private final CoreStore store;
    private final PermissionGuard guard;
    private final CredentialVault vault;
    private final HostRecords records;
    private final OptOutRegistry optOuts;
    private final OutboundSender sender;
    private final DefaultTemplateService templates;
    private final DefaultTextingService texting;
    private final InboundPoller poller;
    private final SentLedger ledger;
    private final MessageEventPublisher events;
    private final PhoneNumbers phoneNumbers;
    private final QuietHours quietHours;
    private final Duration interval;
    private final Clock clock;

    private final Map<String, Run> running = new LinkedHashMap<>();
    private final Object signal = new Object();
    /** Counts wake-ups, so one that comes between a step and the wait after it is not lost. */
    private long wakeups;
    private Instant nextSendAt = Instant.MIN;
    /** Set under this instance's monitor: a job is stored only by an instance that is not stopping. */
    private volatile boolean stopped;
    private final Thread worker;

    @Activate
    public BulkTexting(@Reference CoreStore store, @Reference TextingPermissions permissions,
            @Reference CredentialVault vault, @Reference HostRecords records, @Reference OptOutRegistry optOuts,
            @Reference OutboundSender sender, @Reference DefaultTemplateService templates,
            @Reference DefaultTextingService texting, @Reference InboundPoller poller, @Reference SentLedger ledger,
            @Reference MessageEventPublisher events, CoreConfiguration config) {
        this(store, permissions, vault, records, optOuts, sender, templates, texting, poller, ledger, events, config,
                Clock.systemUTC(), true);
    }

    BulkTexting(CoreStore store, TextingPermissions permissions, CredentialVault vault, HostRecords records,
            OptOutRegistry optOuts, OutboundSender sender, DefaultTemplateService templates,
            DefaultTextingService texting, InboundPoller poller, SentLedger ledger, MessageEventPublisher events,
            CoreConfiguration config, Clock clock, boolean startWorker) {
        this.store = store;
        this.guard = new PermissionGuard(permissions);
        this.vault = vault;
        this.records = records;
        this.optOuts = optOuts;
        this.sender = sender;
        this.templates = templates;
        this.texting = texting;
        this.poller = poller;
        this.ledger = ledger;
        this.events = events;
        this.phoneNumbers = new PhoneNumbers(config.defaultRegion());
        this.quietHours = QuietHours.of(config);
        double rate = config.bulkSendsPerSecond() > 0 ? config.bulkSendsPerSecond() : 1.0;
        this.interval = Duration.ofNanos((long) (1_000_000_000L / rate));
        this.clock = clock;
        loadRunningJobs();
        if (startWorker) {
            worker = new Thread(this::work, "ats-texting bulk sender");
            worker.setDaemon(true);
            worker.start();
        } else {
            worker = null;
        }
    }

    @Deactivate
    void stop() {
        synchronized (this) {
            // a start() under way finishes (its job is committed, the next instance loads it) before this;
            // a start() after it is refused rather than stored where no worker runs it
            stopped = true;
        }
        wake();
        if (worker != null) {
            try {
                // not interrupted: a send under way finishes and is committed before the store
                // closes (a second instance must not find it SENDING while it is still going out)
                worker.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- API

    @Override
    public BulkJob start(BulkRequest request) throws TextingException {
        String user = request.actingUserId();
        guard.requireCanText(user);
        if (request.records().isEmpty()) {
            throw new TextingException(Reason.INVALID_INPUT, "A bulk text needs at least one record");
        }
        StoredCredential account = DefaultTextingService.credentialsFor(vault, user, request.provider());
        MessageTemplate template = null;
        HostUser senderUser = null;
        String body = null;
        if (request.templateName() != null) {
            template = templates.require(request.templateName());
            senderUser = templates.sender(user);
        } else {
            body = texting.checkBody(request.body());
        }
        Instant now = clock.instant();
        List<StoredRecipient> recipients = new ArrayList<>();
        Map<String, RecordRef> firstWithNumber = new HashMap<>();
        List<MissingMergeFieldException> missing = new ArrayList<>();
        for (RecordRef ref : request.records()) {
            int index = recipients.size();
            Optional<HostRecord> record = records.record(ref);
            String number = null;
            State state = State.PENDING;
            String reason = null;
            String detail = null;
            String text = null;
            if (record.isEmpty()) {
                state = State.SKIPPED;
                reason = RECORD_NOT_FOUND;
                detail = "There is no record " + ref;
            } else if (record.get().phoneNumber() == null || record.get().phoneNumber().isBlank()) {
                state = State.SKIPPED;
                reason = NO_NUMBER;
                detail = record.get().displayName() + " has no phone number";
            } else {
                try {
                    number = phoneNumbers.toE164(record.get().phoneNumber());
                } catch (TextingException e) {
                    state = State.SKIPPED;
                    reason = INVALID_NUMBER;
                    detail = e.getMessage();
                }
            }
            if (number != null) {
                RecordRef first = firstWithNumber.putIfAbsent(number, ref);
                if (first != null) {
                    state = State.SKIPPED;
                    reason = DUPLICATE_NUMBER;
                    detail = number + " is texted once, for " + first;
                } else if (optOuts.isOptedOut(number)) {
                    state = State.SKIPPED;
                    reason = OPTED_OUT;
                    detail = optOuts.refusal(number).getMessage();
                } else if (template != null) {
                    try {
                        text = templates.render(template, record.get(), senderUser);
                    } catch (MissingMergeFieldException e) {
                        missing.add(e);
                    } catch (TextingException e) {
                        throw new TextingException(e.reason(), "For " + ref + ": " + e.getMessage(), e);
                    }
                }
            }
            recipients.add(new StoredRecipient(index, ref.toString(), number, state, reason, detail, null, now, text,
                    null, 0, record.flatMap(QuietHours::zoneOf).map(ZoneId::getId).orElse(null)));
        }
        if (!missing.isEmpty()) {
            MissingMergeFieldException first = missing.get(0);
            throw new MissingMergeFieldException(first.field(), first.record(), first.getMessage()
                    + (missing.size() > 1 ? " " + missing.size() + " records lack a merge field." : "")
                    + " The bulk job was not started.");
        }
        String id = UUID.randomUUID().toString();
        String description = template != null ? "template " + template.name()
                : body.length() > 40 ? body.substring(0, 40) + "..." : body;
        StoredJob job = new StoredJob(id, user, account.provider(), description, now, BulkJob.State.RUNNING,
                recipients.size(), body, template == null ? null : template.name(), 0, 0, 0);
        synchronized (this) {
            if (stopped) {
                // this instance is being replaced (its bundle stops or it is reconfigured) and its
                // worker has ended: a job stored now would wait for a restart
                throw new TextingException(Reason.SERVICE_UNAVAILABLE,
                        "The bulk service is restarting; start the job again in a moment");
            }
            store.bulkJobs().put(id, OptOutRegistry.GSON.toJson(job));
            for (StoredRecipient r : recipients) {
                store.bulkRecipients().put(key(id, r.index()), OptOutRegistry.GSON.toJson(r));
            }
            store.commit();
            Run run = load(job);
            running.put(id, run);
            post(BulkEvents.STARTED, run, null);
            recipients.stream().filter(r -> r.state() == State.SKIPPED).forEach(r -> post(BulkEvents.RECIPIENT, run, r));
        }
        LOG.info(() -> "Bulk job " + id + " of " + user + ": " + recipients.size() + " recipients");
        wake();
        return view(id);
    }

    @Override
    public BulkJob job(String actingUserId, String jobId) throws TextingException {
        requireJob(actingUserId, jobId);
        return view(jobId);
    }

    @Override
    public List<BulkJob> jobs(String actingUserId) throws TextingException {
        guard.requireCanText(actingUserId);
        boolean admin = guard.isAdmin(actingUserId);
        List<BulkJob> result = new ArrayList<>();
        for (String json : store.bulkJobs().values()) {
            StoredJob job = OptOutRegistry.GSON.fromJson(json, StoredJob.class);
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
        return storedRecipients(jobId).stream().map(StoredRecipient::view).toList();
    }

    @Override
    public BulkJob cancel(String actingUserId, String jobId) throws TextingException {
        StoredJob job = requireJob(actingUserId, jobId);
        synchronized (this) {
            Run run = running.remove(jobId);
            if (run != null) {
                run.cancelled = true;
                store.bulkJobs().put(jobId, OptOutRegistry.GSON.toJson(run.job.withState(BulkJob.State.CANCELLED,
                        run.counts)));
                store.commit();
                post(BulkEvents.CANCELLED, run, null);
            } else if (job.state() == BulkJob.State.RUNNING) {
                store.bulkJobs().put(jobId, OptOutRegistry.GSON.toJson(job.withState(BulkJob.State.CANCELLED,
                        count(jobId))));
                store.commit();
            }
        }
        wake();
        return view(jobId);
    }

    private StoredJob requireJob(String actingUserId, String jobId) throws TextingException {
        guard.requireCanText(actingUserId);
        String json = jobId == null ? null : store.bulkJobs().get(jobId);
        if (json == null) {
            throw new TextingException(Reason.RECORD_NOT_FOUND, "There is no bulk job " + jobId);
        }
        StoredJob job = OptOutRegistry.GSON.fromJson(json, StoredJob.class);
        if (!job.userId().equals(actingUserId) && !guard.isAdmin(actingUserId)) {
            throw new TextingException(Reason.NOT_PERMITTED, "Bulk job " + jobId + " belongs to " + job.userId()
                    + "; only they or an admin may see or change it");
        }
        return job;
    }

    synchronized BulkJob view(String jobId) {
        StoredJob job = OptOutRegistry.GSON.fromJson(store.bulkJobs().get(jobId), StoredJob.class);
        Run run = running.get(jobId);
        Counts counts = run != null ? run.counts : job.state() == BulkJob.State.DONE ? fromHeader(job) : count(jobId);
        return new BulkJob(job.id(), job.userId(), job.provider(), job.description(), job.createdAt(),
                run != null ? BulkJob.State.RUNNING : job.state(), job.total(), counts.pending, counts.sent,
                counts.skipped, counts.failed, run == null ? null : run.waitingUntil);
    }

    private static Counts fromHeader(StoredJob job) {
        Counts c = new Counts();
        c.sent = job.sent();
        c.skipped = job.skipped();
        c.failed = job.failed();
        c.pending = job.total() - c.sent - c.skipped - c.failed;
        return c;
    }

    // ---------------------------------------------------------------- the worker

    private void work() {
        while (!stopped) {
            long seen;
            synchronized (signal) {
                seen = wakeups;
            }
            Instant waitUntil;
            try {
                waitUntil = step();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Bulk sending failed; trying again shortly", e);
                waitUntil = clock.instant().plus(RETRY_AFTER);
            }
            if (waitUntil != null) {
                long millis = Duration.between(clock.instant(), waitUntil).toMillis();
                if (millis > 0) {
                    synchronized (signal) {
                        if (stopped) {
                            return; // stop() may have woken us before we waited: its wake-up is not lost
                        }
                        if (wakeups != seen) {
                            continue; // a job started (or was cancelled) during the step: look again now
                        }
                        try {
                            signal.wait(millis);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }
        }
    }

    private void wake() {
        synchronized (signal) {
            wakeups++;
            signal.notifyAll();
        }
    }

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
        List<Run> runs;
        synchronized (this) {
            runs = new ArrayList<>(running.values());
        }
        for (Run run : runs) {
            if (run.cancelled) {
                continue;
            }
            if (run.retryAt != null && now.isBefore(run.retryAt)) {
                earliest = min(earliest, run.retryAt);
                continue;
            }
            run.retryAt = null;
            if (!run.inFlight.isEmpty()) {
                resolveInFlight(run, now);
                return null;
            }
            Integer next = null;
            ZoneId nextZone = null;
            Instant opens = null;
            for (Map.Entry<ZoneId, ArrayDeque<Integer>> group : run.pending.entrySet()) {
                if (group.getValue().isEmpty()) {
                    continue;
                }
                Instant allowed = quietHours.nextAllowed(now, group.getKey());
                if (!allowed.isAfter(now)) {
                    if (next == null || group.getValue().peekFirst() < next) {
                        next = group.getValue().peekFirst();
                        nextZone = group.getKey();
                    }
                } else {
                    opens = min(opens, allowed);
                }
            }
            if (next == null) {
                if (opens == null) {
                    finish(run);
                    return null;
                }
                if (!opens.equals(run.waitingUntil)) {
                    run.waitingUntil = opens;
                    post(BulkEvents.WAITING, run, null);
                    LOG.info(() -> "Bulk job " + run.job.id() + " waits for quiet hours (" + quietHours
                            + ") to end at " + run.waitingUntil);
                }
                earliest = min(earliest, opens);
                continue;
            }
            run.waitingUntil = null;
            if (now.isBefore(nextSendAt)) {
                return nextSendAt; // the provider's rate limit
            }
            nextSendAt = now.plus(interval);
            run.pending.get(nextZone).pollFirst();
            sendOne(run, next, now);
            return null;
        }
        return earliest != null ? earliest : now.plus(IDLE);
    }

    private void sendOne(Run run, int index, Instant now) {
        StoredJob job = run.job;
        StoredRecipient r = recipient(job.id(), index);
        if (r.state() != State.PENDING) {
            return;
        }
        if (!guard.canText(job.userId())) {
            settle(run, r, r.to(State.FAILED, Reason.NOT_PERMITTED.name(), "User '" + job.userId()
                    + "' no longer has the " + TextingPermissions.CAN_TEXT_LABEL + " permission", null, now));
            return;
        }
        if (optOuts.isOptedOut(r.number())) {
            settle(run, r, r.to(State.SKIPPED, OPTED_OUT, optOuts.refusal(r.number()).getMessage(), null, now));
            return;
        }
        StoredCredential account;
        try {
            account = DefaultTextingService.credentialsFor(vault, job.userId(), job.provider());
        } catch (TextingException e) {
            settle(run, r, r.to(State.FAILED, e.reason().name(), e.getMessage(), null, now));
            return;
        }
        if (stopped || run.cancelled) {
            requeue(run, r);
            return;
        }
        StoredRecipient sending = r.sending(now);
        put(job.id(), sending); // committed before the provider hears of it
        run.inFlight.add(index);
        try {
            TextMessage sent = sender.send(account, job.userId(), r.number(), bodyOf(job, r), RecordRef.parse(r.record()));
            run.inFlight.remove(index);
            settle(run, sending, sending.to(State.SENT, null, null, sent.key(), clock.instant()));
        } catch (TextingException e) {
            switch (e.reason()) {
                case OPTED_OUT -> {
                    run.inFlight.remove(index);
                    settle(run, sending, sending.to(State.SKIPPED, OPTED_OUT, e.getMessage(), null, clock.instant()));
                }
                case PROVIDER_UNAVAILABLE, SERVICE_UNAVAILABLE -> {
                    // refused before anything left: pending again, the job waits a little
                    run.inFlight.remove(index);
                    put(job.id(), sending.to(State.PENDING, null, null, null, clock.instant()));
                    requeue(run, sending);
                    run.retryAt = clock.instant().plus(RETRY_AFTER);
                    LOG.warning(() -> "Bulk job " + job.id() + " waits: " + e.getMessage());
                }
                case PROVIDER_ERROR -> {
                    // the provider may have taken it: stays SENDING, looked up before anything else is sent
                    run.retryAt = clock.instant().plus(RETRY_AFTER);
                    LOG.warning(() -> "Bulk job " + job.id() + ": outcome of the text to " + r.number()
                            + " unknown (" + e.getMessage() + "); looking it up before sending again");
                }
                default -> {
                    run.inFlight.remove(index);
                    settle(run, sending, sending.to(State.FAILED, e.reason().name(), e.getMessage(), null,
                            clock.instant()));
                }
            }
        }
    }

    /** Finds out whether in-flight texts went out: poll the account, then look in the ledger. */
    private void resolveInFlight(Run run, Instant now) {
        StoredJob job = run.job;
        StoredCredential account;
        try {
            account = DefaultTextingService.credentialsFor(vault, job.userId(), job.provider());
        } catch (TextingException e) {
            run.retryAt = now.plus(RETRY_AFTER.multipliedBy(6));
            return;
        }
        if (!poller.pollAccount(account)) {
            run.retryAt = now.plus(RETRY_AFTER);
            LOG.warning(() -> "Bulk job " + job.id() + " waits: the provider could not be asked whether "
                    + run.inFlight.size() + " text(s) under way went out");
            return;
        }
        for (Integer index : new ArrayList<>(run.inFlight)) {
            StoredRecipient r = recipient(job.id(), index);
            run.inFlight.remove(index);
            if (r.state() != State.SENDING) {
                continue;
            }
            Instant notBefore = r.attemptAt().minus(CLOCK_SLACK);
            Optional<SentLedger.Entry> found = ledger.find(job.provider(), account.phoneNumber(), r.number(),
                    bodyOf(job, r), notBefore);
            if (found.isPresent()) {
                settle(run, r, r.to(State.SENT, null, null, found.get().messageKey(), now));
            } else if (!ledger.reportsSentHistory(job.provider())) {
                settle(run, r, r.to(State.FAILED, OUTCOME_UNKNOWN, "The send was under way when it was interrupted "
                        + "and " + job.provider() + " does not report its sent history, so it was not sent again "
                        + "(nobody is texted twice); check the conversation and text by hand if needed", null, now));
            } else if (r.attempts() >= MAX_ATTEMPTS) {
                settle(run, r, r.to(State.FAILED, Reason.PROVIDER_ERROR.name(), "Not sent after " + r.attempts()
                        + " attempts", null, now));
            } else {
                StoredRecipient again = r.to(State.PENDING, null, null, null, now);
                put(job.id(), again);
                requeue(run, again);
            }
        }
    }

    private void requeue(Run run, StoredRecipient r) {
        ArrayDeque<Integer> queue = run.pending.computeIfAbsent(quietHours.zone(r.zone()), z -> new ArrayDeque<>());
        queue.addFirst(r.index());
    }

    private static String bodyOf(StoredJob job, StoredRecipient r) {
        return r.body() != null ? r.body() : job.body();
    }

    private void settle(Run run, StoredRecipient before, StoredRecipient after) {
        put(run.job.id(), after);
        synchronized (this) {
            run.counts.count(before.state(), -1);
            run.counts.count(after.state(), +1);
        }
        post(BulkEvents.RECIPIENT, run, after);
    }

    private synchronized void finish(Run run) {
        running.remove(run.job.id());
        store.bulkJobs().put(run.job.id(), OptOutRegistry.GSON.toJson(run.job.withState(BulkJob.State.DONE,
                run.counts)));
        store.commit();
        post(BulkEvents.FINISHED, run, null);
        LOG.info(() -> "Bulk job " + run.job.id() + " done: " + run.counts.sent + " sent, " + run.counts.skipped
                + " skipped, " + run.counts.failed + " failed");
    }

    // ---------------------------------------------------------------- storage

    private static String key(String jobId, int index) {
        return jobId + "|" + String.format("%09d", index);
    }

    private void put(String jobId, StoredRecipient r) {
        store.bulkRecipients().put(key(jobId, r.index()), OptOutRegistry.GSON.toJson(r));
        store.commit();
    }

    private StoredRecipient recipient(String jobId, int index) {
        return OptOutRegistry.GSON.fromJson(store.bulkRecipients().get(key(jobId, index)), StoredRecipient.class);
    }

    private List<StoredRecipient> storedRecipients(String jobId) {
        List<StoredRecipient> result = new ArrayList<>();
        String prefix = jobId + "|";
        Cursor<String, String> cursor = store.bulkRecipients().cursor(prefix);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            result.add(OptOutRegistry.GSON.fromJson(cursor.getValue(), StoredRecipient.class));
        }
        return result;
    }

    private Counts count(String jobId) {
        Counts counts = new Counts();
        storedRecipients(jobId).forEach(r -> counts.count(r.state(), 1));
        return counts;
    }

    private void loadRunningJobs() {
        for (String json : store.bulkJobs().values()) {
            StoredJob job = OptOutRegistry.GSON.fromJson(json, StoredJob.class);
            if (job.state() == BulkJob.State.RUNNING) {
                Run run = load(job);
                running.put(job.id(), run);
                if (!run.inFlight.isEmpty()) {
                    LOG.info(() -> "Bulk job " + job.id() + " resumes; " + run.inFlight.size()
                            + " text(s) were under way and are looked up before anything is sent again");
                }
            }
        }
    }

    private Run load(StoredJob job) {
        Run run = new Run(job);
        for (StoredRecipient r : storedRecipients(job.id())) {
            run.counts.count(r.state(), 1);
            if (r.state() == State.PENDING) {
                run.pending.computeIfAbsent(quietHours.zone(r.zone()), z -> new ArrayDeque<>()).addLast(r.index());
            } else if (r.state() == State.SENDING) {
                run.inFlight.add(r.index());
            }
        }
        return run;
    }

    private void post(String topic, Run run, StoredRecipient r) {
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
            if (r.reason() != null) {
                p.put(BulkEvents.REASON, r.reason());
            }
            if (r.messageKey() != null) {
                p.put(BulkEvents.MESSAGE_KEY, r.messageKey());
            }
        }
        events.bulk(topic, p);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }
}
