package org.atstexting.texting.core.internal.inbound;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.core.internal.inbound.PollLeases.Lease;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.TextingProvider;

/**
 * One account's poll walk: under the account's lease, batch after batch from its saved
 * cursor, each batch recorded and its cursor committed before the next is read, so a crash in
 * a backlog re-reads one batch and loses none. The leases this node holds are kept here, so
 * that a stopping node can let go of them at once.
 */
final class AccountPoll {

    private static final Logger LOG = Logger.getLogger(AccountPoll.class.getName());

    /** What reading one account did. */
    record Outcome(int read, boolean ok, boolean more) {
    }

    private final CredentialVault vault;
    private final ProviderRegistry providers;
    private final InboundRecorder recorder;
    private final BooleanSupplier stopping;
    /** The leases this node holds, by provider|account: let go of when it stops. */
    private final Map<String, Lease> held = new ConcurrentHashMap<>();
    /** Replaced when the interval changes (the lease time follows it). */
    private volatile PollLeases leases;

    AccountPoll(CredentialVault vault, ProviderRegistry providers, InboundRecorder recorder,
            BooleanSupplier stopping) {
        this.vault = vault;
        this.providers = providers;
        this.recorder = recorder;
        this.stopping = stopping;
    }

    void useLeases(PollLeases leases) {
        this.leases = leases;
    }

    /** The account's saved cursor, whichever node saved it. */
    Optional<String> cursor(String provider, String account) {
        return leases.cursor(provider, account);
    }

    /** Reads up to {@code maxBatches} batches, recording each and committing its cursor before the next. */
    Outcome poll(StoredCredential account, int maxBatches) {
        TextingProvider provider = providers.find(account.provider()).orElse(null);
        if (provider == null) {
            return new Outcome(0, false, false); // its bundle is away; the cursor waits for it
        }
        String leaseKey = account.provider() + "|" + account.username();
        Optional<Lease> taken;
        try {
            taken = leases.acquire(account.provider(), account.username());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read inbound texts of " + account.provider() + " account "
                    + account.username(), e);
            return new Outcome(0, false, false);
        }
        if (taken.isEmpty()) {
            held.remove(leaseKey);
            return new Outcome(0, false, false); // another node polls this account now
        }
        held.put(leaseKey, taken.get());
        return walk(provider, account, taken.get(), maxBatches);
    }

    private Outcome walk(TextingProvider provider, StoredCredential account, Lease lease, int maxBatches) {
        String cursor = lease.cursor();
        int read = 0;
        try {
            for (int i = 0; i < maxBatches; i++) {
                InboundBatch batch = provider.fetchInbound(vault.unlock(account), cursor);
                recorder.recordBatch(account, batch);
                read += batch.texts().size() + batch.statusUpdates().size();
                String moved = batch.cursor() != null ? batch.cursor() : cursor;
                // after every batch: a crash in a backlog re-reads one batch, loses none
                if (batch.cursor() != null && !leases.saveCursor(lease, batch.cursor())) {
                    held.remove(account.provider() + "|" + account.username());
                    LOG.info(() -> "Another node took over polling " + account.provider() + " account "
                            + account.username() + "; this node stops reading it");
                    return new Outcome(read, false, false);
                }
                if (!batch.more() || stopping.getAsBoolean()) {
                    // stopping: the cursor is saved, the next start reads on
                    return new Outcome(read, !batch.more(), batch.more());
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

    /** Lets another node take this node's accounts at once rather than after the leases run out. */
    void releaseAll() {
        for (Lease lease : held.values()) {
            try {
                leases.release(lease);
            } catch (RuntimeException e) {
                LOG.fine(() -> "A poll lease was not released (it runs out by itself): " + e.getMessage());
            }
        }
        held.clear();
    }
}
