package org.atstexting.texting.core.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Reads every account's new inbound texts and status changes from its provider and records
 * them. This is the fallback for providers without push, and the reconciler for those
 * with it: whatever a webhook missed, the poll brings. The cursor
 * of an account moves only after its texts are archived, so a crash re-reads rather than
 * loses; the host's idempotent attach makes the re-read harmless.
 */
@Component(service = InboundPoller.class, immediate = true, configurationPid = CoreConfiguration.PID)
public final class InboundPoller {

    private static final Logger LOG = Logger.getLogger(InboundPoller.class.getName());

    private final CredentialVault vault;
    private final ProviderRegistry providers;
    private final InboundRecorder recorder;
    private final CoreStore store;
    private final ScheduledExecutorService scheduler;

    @Activate
    public InboundPoller(@Reference CredentialVault vault, @Reference ProviderRegistry providers,
            @Reference InboundRecorder recorder, @Reference CoreStore store, CoreConfiguration config) {
        this.vault = vault;
        this.providers = providers;
        this.recorder = recorder;
        this.store = store;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ats-texting inbound poller");
            t.setDaemon(true);
            return t;
        });
        if (config.pollIntervalSeconds() > 0) {
            scheduler.scheduleWithFixedDelay(this::pollQuietly, config.pollIntervalSeconds(),
                    config.pollIntervalSeconds(), TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }

    private void pollQuietly() {
        try {
            pollAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reading inbound texts failed; trying again at the next interval", e);
        }
    }

    /**
     * Reads every account's new texts and status changes now.
     *
     * @return how many texts and status changes were read
     */
    synchronized int pollAll() {
        int archived = 0;
        for (StoredCredential account : vault.all()) {
            archived += Math.max(0, poll(account));
        }
        return archived;
    }

    /**
     * Reads one account's new texts, status changes and sent history now.
     *
     * @return whether the provider answered and everything it reported is recorded
     */
    synchronized boolean pollAccount(StoredCredential account) {
        return poll(account) >= 0;
    }

    /** @return how many texts and status changes were read, or -1 if the poll failed */
    private int poll(StoredCredential account) {
        TextingProvider provider = providers.find(account.provider()).orElse(null);
        if (provider == null) {
            return -1; // its bundle is away; the cursor waits for it
        }
        String cursorKey = account.provider() + "|" + account.username();
        try {
            InboundBatch batch = provider.fetchInbound(vault.unlock(account), store.cursors().get(cursorKey));
            recorder.recordAll(account.provider(), batch.texts(), account.ownerUserId());
            for (SentText text : batch.sent()) {
                recorder.reconcileSent(account.provider(), text, account.ownerUserId());
            }
            for (StatusUpdate update : batch.statusUpdates()) {
                recorder.statusChanged(account.provider(), update);
            }
            if (batch.cursor() != null) {
                store.cursors().put(cursorKey, batch.cursor());
                store.commit();
            }
            return batch.texts().size() + batch.statusUpdates().size();
        } catch (ProviderException e) {
            LOG.warning(() -> "Could not read inbound texts of " + account.provider() + " account "
                    + account.username() + ": " + e.getMessage());
            return -1;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not read inbound texts of " + account.provider() + " account "
                    + account.username(), e);
            return -1;
        }
    }
}
