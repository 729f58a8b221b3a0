package org.atstexting.host.reference.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Opens and closes the reference host's MVStore and hands its maps to the other
 * components of this bundle. Every value is a JSON string (see {@link Json}).
 *
 * <p>Maps (all keyed by strings):
 * <ul>
 * <li>{@code groups}: group name &rarr; JSON array of granted permission keys</li>
 * <li>{@code users}: user id &rarr; JSON {@link StoredUser}</li>
 * <li>{@code records}: {@code type:id} &rarr; JSON {@link org.atstexting.texting.host.HostRecord}</li>
 * <li>{@code phoneIndex}: E.164 number &rarr; JSON array of {@code type:id} of the records with that number</li>
 * <li>{@code attachments}: {@code type:id} + NUL + {@link org.atstexting.texting.TextMessage#key()}
 *     &rarr; JSON {@link org.atstexting.texting.TextMessage}; one record's texts are one key range</li>
 * <li>{@code permissions}: permission key &rarr; JSON {@link org.atstexting.texting.host.PermissionDefinition}</li>
 * </ul>
 */
public class HostStore {

    /**
     * H2's "retry:" file system reopens the file channel when a thread is interrupted in the
     * middle of a write. Without it, one interrupt (an executor's shutdownNow during a poll, a
     * component stopped under a send) closes the channel and with it the whole store for good:
     * every later write fails with "This store is closed".
     */
    static final String INTERRUPT_SAFE = "retry:";


    private static final Logger LOG = Logger.getLogger(HostStore.class.getName());

    /** The store's file inside the data directory. */
    public static final String FILE_NAME = "reference-host.mv.db";

    /**
     * Page cache in MB. A text is matched by number (phone index, then the record) and
     * attached to a random record, so the cache must hold the upper levels of those trees
     * for a million records; MVStore's default of 16 MB does not.
     */
    private static final int CACHE_MB = 128;

    private final Path file;
    private final MVStore store;
    private final MVMap<String, String> groups;
    private final MVMap<String, String> users;
    private final MVMap<String, String> records;
    private final MVMap<String, String> phoneIndex;
    private final MVMap<String, String> attachments;
    private final MVMap<String, String> permissions;

    /** After this many commits a write also rewrites sparse chunks (see {@link #write(Supplier)}). */
    static final int COMMITS_PER_COMPACTION = 1_000;
    /** Chunks less full than this (percent) are rewritten when compacting. */
    static final int TARGET_FILL_RATE = 70;
    /** At most this many bytes are rewritten per compaction, so no write waits long. */
    static final int COMPACTION_BYTES = 4 * 1024 * 1024;

    private final Object writeLock = new Object();
    private int writeDepth; // guarded by writeLock
    private int commitsSinceCompaction; // guarded by writeLock

    /**
     * Opens (or creates) the store in {@code dataDirectory}.
     *
     * The component is {@link SeededHostStore}, which also seeds the demo data: the store
     * itself knows nothing of the demo (no circle store, demo data, admin, store).
     */
    public HostStore(Path dataDirectory) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the reference host's data directory " + directory, e);
        }
        this.file = directory.resolve(FILE_NAME);
        // Autocommit is disabled on purpose: MVStore's autocommit writes changes from a
        // background thread up to a second later, so a crash could lose a write the caller
        // was told succeeded, or persist half of one (a record without its phone-index
        // entry). Instead every write runs under one lock and ends with store.commit(),
        // which writes all maps' changes as one chunk: after a crash the file holds either
        // the whole change or none of it. Without autocommit there is no background thread
        // either, so write() does its housekeeping itself (rewriting sparse chunks now and
        // then); otherwise half-empty chunks would never be reclaimed.
        this.store = new MVStore.Builder()
                .fileName(INTERRUPT_SAFE + file.toString())
                .autoCommitDisabled()
                .cacheSize(CACHE_MB)
                .open();
        this.groups = store.openMap("groups");
        this.users = store.openMap("users");
        this.records = store.openMap("records");
        this.phoneIndex = store.openMap("phoneIndex");
        this.attachments = store.openMap("attachments");
        this.permissions = store.openMap("permissions");
        LOG.info(() -> "Reference host store opened at " + file);
    }

    /**
     * Runs a change under the write lock and commits it; if it throws, every change it
     * made is rolled back. Nested calls join the outermost one (one commit in the end).
     *
     * <p>Each commit writes a new chunk, and replaced chunks are kept for the store's
     * retention time (45 s), so loading many records one committed call at a time grows
     * the file fast. Bulk loads (benchmarks, imports) should run inside one write per
     * batch, e.g. 10,000 {@code addRecord} calls per {@code write}: 1,000,000 records then
     * load in about 16 s into a file of about 170 MB.
     */
    public <T> T write(Supplier<T> change) {
        synchronized (writeLock) {
            writeDepth++;
            try {
                T result = change.get();
                if (writeDepth == 1) {
                    store.commit();
                    compactNow();
                }
                return result;
            } catch (RuntimeException | Error e) {
                if (writeDepth == 1) {
                    store.rollback();
                }
                throw e;
            } finally {
                writeDepth--;
            }
        }
    }

    /** Every so many commits, rewrites a bounded amount of sparse chunks and commits that. */
    private void compactNow() {
        if (++commitsSinceCompaction >= COMMITS_PER_COMPACTION) {
            commitsSinceCompaction = 0;
            if (store.compact(TARGET_FILL_RATE, COMPACTION_BYTES)) {
                store.commit();
            }
        }
    }

    /** {@link #write(Supplier)} for changes without a result. */
    public void write(Runnable change) {
        write(() -> {
            change.run();
            return null;
        });
    }

    /** Whether the store holds no groups, users or records. */
    public boolean isEmpty() {
        return groups.isEmpty() && users.isEmpty() && records.isEmpty();
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    MVMap<String, String> groups() {
        return groups;
    }

    MVMap<String, String> users() {
        return users;
    }

    MVMap<String, String> records() {
        return records;
    }

    MVMap<String, String> phoneIndex() {
        return phoneIndex;
    }

    MVMap<String, String> attachments() {
        return attachments;
    }

    MVMap<String, String> permissions() {
        return permissions;
    }

    public void close() {
        synchronized (writeLock) {
            if (!store.isClosed()) {
                store.close();
                LOG.info(() -> "Reference host store closed: " + file);
            }
        }
    }
}
