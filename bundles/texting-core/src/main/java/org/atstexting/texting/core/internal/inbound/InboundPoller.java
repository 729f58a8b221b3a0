package org.atstexting.texting.core.internal.inbound;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.core.internal.inbound.PollLeases.Lease;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads every account's new inbound texts and status changes from its provider and records
 * them. This is the fallback for providers without push, and the reconciler for those
 * with it: whatever a webhook missed, the poll brings. The cursor
 * of an account moves only after its texts are archived, and is committed after every
 * batch, so a crash re-reads rather than loses; the host's idempotent attach makes the
 * re-read harmless.
 *
 * <p>Nothing is skipped: a provider that stops at its per-read budget says so
 * ({@link InboundBatch#more()}) with a cursor at the oldest message it did not read, and the
 * account is read again at once from there. A round gives each account at most
 * {@code pollBatchesPerRound} batches, so one busy account cannot starve the others; while
 * any account has more, the next round starts at once (after a pause of a quarter second)
 * instead of after the interval.
 *
 * <p>On several nodes, each account is polled by one node at a time: the node that holds the
 * account's lease in the shared database ({@link PollLeases}). A node keeps a lease by polling
 * (every cursor write extends it) and lets go of its leases when it stops; a node that dies
 * holds its accounts until their leases run out ({@value #MIN_LEASE_SECONDS} seconds, or three
 * polling intervals if longer), then another node takes them over. A node that stalls past its
 * lease cannot move a cursor any more: the write names the lease's version.
 */
@Component(service = InboundPoller.class, immediate = true, configurationPid = CoreConfiguration.PID)
public final class InboundPoller {

    private static final Logger LOG = Logger.getLogger(InboundPoller.class.getName());

    /**
     * Most batches {@link #pollAccount} reads for one account before it gives up on reaching
     * the end (a provider whose account fills faster than it can be read); the caller then
     * tries again later rather than deciding on an incomplete history.
     */
    static final int MAX_BATCHES_PER_ACCOUNT_READ = 10_000;
    /**
     * The pause between two scheduled rounds while a backlog is read: short next to any
     * interval, so a backlog is read within seconds, but a provider that keeps saying "more"
     * (an account busier than it can be read) cannot take every moment of the machine, the
     * provider's API or its rate limit from sends and webhooks.
     */
    static final long BACKLOG_PAUSE_MILLIS = 250;
    /** Most rounds {@link #pollAll} runs before it leaves the rest to the scheduled rounds. */
    static final int MAX_ROUNDS_PER_POLL_ALL = 1_000;
    /** The shortest poll lease: a dead node's accounts wait this long at most for another node. */
    static final int MIN_LEASE_SECONDS = 60;

    /** What reading one account did. */
    record Outcome(int read, boolean ok, boolean more) {
    }

    /** What one round over every account did. */
    record Round(int read, boolean backlog) {
    }

    private final CredentialVault vault;
    private final ProviderRegistry providers;
    private final InboundRecorder recorder;
    private final String nodeId;
    private final Integer fixedLeaseSeconds;
    private volatile PollLeases leases;
    /** The leases this node holds, by provider|account: let go of when it stops. */
    private final Map<String, Lease> held = new ConcurrentHashMap<>();
    private final CoreStore store;
    private final ScheduledExecutorService scheduler;
    private volatile int intervalSeconds;
    private volatile int batchesPerRound;
    private volatile boolean stopping;
    /** The next scheduled round; replaced when the interval changes. Guarded by {@code scheduler}. */
    private ScheduledFuture<?> next;
    /** Which chain of rounds is current: a round of an older chain does not schedule another. */
    private long chain;

    @Activate
    public InboundPoller(@Reference CredentialVault vault, @Reference ProviderRegistry providers,
            @Reference InboundRecorder recorder, @Reference CoreStore store, CoreConfiguration config,
            BundleContext context) {
        this(vault, providers, recorder, store, config,
                NodeIdentity.of(context::getProperty, context.getDataFile("node.id")), null);
    }

    /** One node, as in tests of a single framework. */
    public InboundPoller(CredentialVault vault, ProviderRegistry providers, InboundRecorder recorder, CoreStore store,
            CoreConfiguration config) {
        this(vault, providers, recorder, store, config, "this-node", null);
    }

    /**
     * @param nodeId this node's name in the leases
     * @param leaseSeconds a fixed lease time (tests), or null for the one that follows the interval
     */
    public InboundPoller(CredentialVault vault, ProviderRegistry providers, InboundRecorder recorder, CoreStore store,
            CoreConfiguration config, String nodeId, Integer leaseSeconds) {
        this.nodeId = nodeId;
        this.fixedLeaseSeconds = leaseSeconds;
        this.vault = vault;
        this.providers = providers;
        this.recorder = recorder;
        this.store = store;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ats-texting inbound poller");
            t.setDaemon(true);
            return t;
        });
        configure(config);
    }

    @Modified
    void modified(CoreConfiguration config) {
        configure(config);
    }

    private void configure(CoreConfiguration config) {
        batchesPerRound = Math.max(1, config.pollBatchesPerRound());
        int interval = config.pollIntervalSeconds();
        int leaseSeconds = fixedLeaseSeconds != null ? fixedLeaseSeconds
                : Math.max(MIN_LEASE_SECONDS, 3 * Math.max(0, interval));
        leases = new PollLeases(store.database(), nodeId, leaseSeconds);
        synchronized (scheduler) {
            boolean changed = interval != intervalSeconds || next == null;
            intervalSeconds = interval;
            if (changed) {
                if (next != null) {
                    next.cancel(false); // a round under way finishes, and schedules nothing more
                    next = null;
                }
                chain++;
                scheduleNext(chain, interval * 1000L);
            }
        }
    }

    /**
     * Stops after the batch under way, without waiting for it and without interrupting it: a
     * round writes the archive's and the core's stores on its thread, and an interrupt closes
     * a file channel under them; waiting could hold up the framework while the round calls
     * services that are being reconfigured. The batch's cursor is saved; whoever polls next
     * reads on from it (at worst one batch again, which the archive takes once).
     */
    @Deactivate
    public void stop() {
        stopping = true;
        synchronized (scheduler) {
            intervalSeconds = 0;
            scheduler.shutdown();
        }
        releaseLeases();
    }

    /** Lets another node take this node's accounts at once rather than after the leases run out. */
    private void releaseLeases() {
        for (Lease lease : held.values()) {
            try {
                leases.release(lease);
            } catch (RuntimeException e) {
                LOG.fine(() -> "A poll lease was not released (it runs out by itself): " + e.getMessage());
            }
        }
        held.clear();
    }

    /** The account's saved cursor, whichever node saved it. */
    String cursor(String provider, String account) {
        return leases.cursor(provider, account).orElse(null);
    }

    /** This node's name in the poll leases. */
    String nodeId() {
        return nodeId;
    }

    /** Guarded by {@code scheduler}. */
    private void scheduleNext(long ofChain, long delayMillis) {
        if (ofChain == chain && intervalSeconds > 0 && !scheduler.isShutdown()) {
            next = scheduler.schedule(() -> scheduledRound(ofChain), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void scheduledRound(long ofChain) {
        boolean backlog = false;
        try {
            backlog = round().backlog();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reading inbound texts failed; trying again at the next interval", e);
        }
        synchronized (scheduler) {
            // a backlog is read on at once: no waiting for the interval while a provider has more
            scheduleNext(ofChain, backlog ? Math.min(BACKLOG_PAUSE_MILLIS, intervalSeconds * 1000L)
                    : intervalSeconds * 1000L);
        }
    }

    /**
     * Reads every account's new texts and status changes now, round after round, until no
     * provider has more to give.
     *
     * @return how many texts and status changes were read
     */
    public int pollAll() {
        int read = 0;
        for (int i = 0; i < MAX_ROUNDS_PER_POLL_ALL; i++) {
            Round round = round();
            read += round.read();
            if (!round.backlog()) {
                break;
            }
        }
        return read;
    }

    /** One round: each account reads up to {@code pollBatchesPerRound} batches. */
    synchronized Round round() {
        int read = 0;
        boolean backlog = false;
        for (StoredCredential account : vault.all()) {
            if (stopping) {
                break;
            }
            Outcome outcome = poll(account, batchesPerRound);
            read += outcome.read();
            backlog |= outcome.ok() && outcome.more();
        }
        return new Round(read, backlog);
    }

    /**
     * Reads one account's new texts, status changes and sent history now, to the end of what
     * the provider has: only then may a caller conclude that a text is not in its history.
     *
     * @return whether the provider answered, everything it reported is recorded and nothing is left to read
     */
    public synchronized boolean pollAccount(StoredCredential account) {
        Outcome outcome = poll(account, MAX_BATCHES_PER_ACCOUNT_READ);
        return outcome.ok() && !outcome.more();
    }

    /** Reads up to {@code maxBatches} batches, recording each and committing its cursor before the next. */
    private Outcome poll(StoredCredential account, int maxBatches) {
        TextingProvider provider = providers.find(account.provider()).orElse(null);
        if (provider == null) {
            return new Outcome(0, false, false); // its bundle is away; the cursor waits for it
        }
        String leaseKey = account.provider() + "|" + account.username();
        int read = 0;
        try {
            Optional<Lease> taken = leases.acquire(account.provider(), account.username());
            if (taken.isEmpty()) {
                held.remove(leaseKey);
                return new Outcome(0, false, false); // another node polls this account now
            }
            Lease lease = taken.get();
            held.put(leaseKey, lease);
            String cursor = lease.cursor();
            for (int i = 0; i < maxBatches; i++) {
                InboundBatch batch = provider.fetchInbound(vault.unlock(account), cursor);
                record(account, batch);
                read += batch.texts().size() + batch.statusUpdates().size();
                String moved = batch.cursor() != null ? batch.cursor() : cursor;
                // after every batch: a crash in a backlog re-reads one batch, loses none
                if (batch.cursor() != null && !leases.saveCursor(lease, batch.cursor())) {
                    held.remove(leaseKey);
                    LOG.info(() -> "Another node took over polling " + account.provider() + " account "
                            + account.username() + "; this node stops reading it");
                    return new Outcome(read, false, false);
                }
                if (!batch.more()) {
                    return new Outcome(read, true, false);
                }
                if (stopping) {
                    return new Outcome(read, false, true); // the cursor is saved: the next start reads on
                }
                if (Objects.equals(moved, cursor)) {
                    // "more" without moving would ask the same question for ever
                    LOG.warning(() -> account.provider() + " said account " + account.username()
                            + " has more to read but did not move its cursor; trying again at the next interval");
                    return new Outcome(read, false, true);
                }
                cursor = moved;
            }
            return new Outcome(read, true, true);
        } catch (ProviderException e) {
            LOG.warning(() -> "Could not read inbound texts of " + account.provider() + " account "
                    + account.username() + ": " + e.getMessage());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not read inbound texts of " + account.provider() + " account "
                    + account.username(), e);
        }
        return new Outcome(read, false, false);
    }

    private void record(StoredCredential account, InboundBatch batch) {
        recorder.recordAll(account.provider(), batch.texts(), account.ownerUserId());
        for (SentText text : batch.sent()) {
            recorder.reconcileSent(account.provider(), text, account.ownerUserId());
        }
        for (StatusUpdate update : batch.statusUpdates()) {
            recorder.statusChanged(account.provider(), update);
        }
    }
}
