package org.atstexting.texting.core.internal.inbound;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.core.internal.store.CoreStore;
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
 *
 * <p>This class is the schedule (rounds, the interval, stopping); one account's walk under its
 * lease is {@link AccountPoll}, recording a batch is {@link InboundRecorder#recordBatch}.
 */
@Component(service = InboundPoller.class, immediate = true, configurationPid = CoreConfiguration.PID)
public final class InboundPoller {

    private static final Logger LOG = Logger.getLogger(InboundPoller.class.getName());

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

    /** What one round over every account did. */
    record Round(int read, boolean backlog) {
    }

    private final CredentialVault vault;
    private final AccountPoll accounts;
    private final String nodeId;
    private final Integer fixedLeaseSeconds;
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
        this.accounts = new AccountPoll(vault, providers, recorder, () -> stopping);
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
        accounts.useLeases(new PollLeases(store.database(), nodeId, leaseSeconds));
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
        accounts.releaseAll(); // another node takes this node's accounts at once, not when the leases run out
    }

    /** The account's saved cursor, whichever node saved it. */
    String cursor(String provider, String account) {
        return accounts.cursor(provider, account).orElse(null);
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
            AccountPoll.Outcome outcome = accounts.poll(account, batchesPerRound);
            read += outcome.read();
            backlog |= outcome.ok() && outcome.more();
        }
        return new Round(read, backlog);
    }
}
