package org.atstexting.texting.core.internal;

import java.io.File;
import java.util.logging.Logger;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The core's durable state (credentials, inbound cursors, opt-outs, templates, bulk jobs) in an H2 MVStore file:
 * {@code <atstexting.data.dir>/core/}, in Karaf {@code ${karaf.data}/ats-texting/core/}, else the bundle's data
 * area (see {@link DataLocations}). Every write is committed before the call returns, so a crash
 * loses nothing that a caller was told is saved.
 */
@Component(service = CoreStore.class)
public final class CoreStore {

    /**
     * H2's "retry:" file system reopens the file channel when a thread is interrupted in the
     * middle of a write. Without it, one interrupt (an executor's shutdownNow during a poll, a
     * component stopped under a send) closes the channel and with it the whole store for good:
     * every later write fails with "This store is closed".
     */
    static final String INTERRUPT_SAFE = "retry:";


    private static final Logger LOG = Logger.getLogger(CoreStore.class.getName());

    private static final int COMMITS_PER_COMPACTION = 500;

    private final MVStore store;
    private int commitsSinceCompaction;

    @Activate
    public CoreStore(BundleContext context) {
        this(DataLocations.coreStore(context::getProperty, f -> context.getDataFile(f.getName())));
    }

    CoreStore(File file) {
        file.getAbsoluteFile().getParentFile().mkdirs();
        this.store = new MVStore.Builder().fileName(INTERRUPT_SAFE + file.getAbsolutePath()).autoCommitDisabled().open();
        LOG.info(() -> "ats-texting core store: " + file.getAbsolutePath());
    }

    /** Credential sets by {@link StoredCredential#id()}, as JSON. */
    MVMap<String, String> credentials() {
        return store.openMap("credentials");
    }

    /** Inbound cursors by provider and account username. */
    MVMap<String, String> cursors() {
        return store.openMap("cursors");
    }

    /** Opt-out state by E.164 number, as JSON. */
    MVMap<String, String> optOuts() {
        return store.openMap("optOuts");
    }

    /** Opt-out and opt-in events by number and sequence ({@code +1...|000000000042}), as JSON. */
    MVMap<String, String> optOutEvents() {
        return store.openMap("optOutEvents");
    }

    /** Templates by name, as JSON. */
    MVMap<String, String> templates() {
        return store.openMap("templates");
    }

    /** Outbound texts the core knows went out, by provider|from|to|message id, as JSON. */
    MVMap<String, String> sentLedger() {
        return store.openMap("sentLedger");
    }

    /** Small facts about providers (e.g. whether their polls report sent history). */
    MVMap<String, String> providerFacts() {
        return store.openMap("providerFacts");
    }

    /** Bulk jobs by id, as JSON. */
    public MVMap<String, String> bulkJobs() {
        return store.openMap("bulkJobs");
    }

    /** Bulk recipients by job id and index ({@code <job>|000000042}), as JSON. */
    public MVMap<String, String> bulkRecipients() {
        return store.openMap("bulkRecipients");
    }

    /**
     * Commits. Every commit writes a chunk and replaced chunks are kept for the retention
     * time, so a steady stream of small commits (a bulk job: two per recipient) would grow
     * the file; every so many commits, sparse chunks are rewritten.
     */
    public synchronized void commit() {
        store.commit();
        if (++commitsSinceCompaction >= COMMITS_PER_COMPACTION) {
            commitsSinceCompaction = 0;
            if (store.compact(90, 4 * 1024 * 1024)) {
                store.commit();
            }
        }
    }

    @Deactivate
    void close() {
        store.close();
    }
}
