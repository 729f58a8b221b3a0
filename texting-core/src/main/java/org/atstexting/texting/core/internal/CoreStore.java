package org.atstexting.texting.core.internal;

import java.io.File;
import java.sql.SQLException;
import java.util.logging.Logger;

import org.atstexting.texting.core.internal.store.CoreSchema;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The core's durable state. Credentials, opt-outs, templates, poll cursors and leases, the sent
 * ledger and provider facts are tables ({@code core_*}) in the database every node shares
 * ({@link #database()}), created by {@link CoreSchema} when this component starts. Bulk jobs are,
 * for now, still in an H2 MVStore file of this node: {@code <atstexting.data.dir>/core/}, in
 * Karaf {@code ${karaf.data}/ats-texting/core/}, else the bundle's data area (see
 * {@link DataLocations}). Every write is committed before the call returns, so a crash loses
 * nothing that a caller was told is saved.
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

    private final TextingDatabase database;
    private final MVStore store;
    private int commitsSinceCompaction;

    @Activate
    public CoreStore(BundleContext context, @Reference TextingDatabase database) throws SQLException {
        this(DataLocations.coreStore(context::getProperty, f -> context.getDataFile(f.getName())), database);
    }

    CoreStore(File file, TextingDatabase database) throws SQLException {
        CoreSchema.migrate(database);
        this.database = database;
        file.getAbsoluteFile().getParentFile().mkdirs();
        this.store = new MVStore.Builder().fileName(INTERRUPT_SAFE + file.getAbsolutePath()).autoCommitDisabled().open();
        LOG.info(() -> "ats-texting core store: " + database + ", bulk jobs in " + file.getAbsolutePath());
    }

    /** The shared database with the core's tables. */
    TextingDatabase database() {
        return database;
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
     * Commits the bulk maps. Every commit writes a chunk and replaced chunks are kept for the
     * retention time, so a steady stream of small commits (a bulk job: two per recipient) would
     * grow the file; every so many commits, sparse chunks are rewritten.
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
