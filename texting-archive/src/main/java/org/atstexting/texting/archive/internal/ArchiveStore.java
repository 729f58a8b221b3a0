package org.atstexting.texting.archive.internal;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import com.google.gson.Gson;

/**
 * The archive's durable state in an H2 MVStore (where: {@link #location}): texts on their
 * way to the host ({@code pending}), texts attached and where ({@code attached}), and texts
 * that matched no record ({@code unmatched}). A text the host cannot take now is committed
 * to {@code pending} and handed over when the host is back.
 */
@Component(service = ArchiveStore.class)
public final class ArchiveStore {

    /**
     * H2's "retry:" file system reopens the file channel when a thread is interrupted in the
     * middle of a write. Without it, one interrupt (an executor's shutdownNow during a poll, a
     * component stopped under a send) closes the channel and with it the whole store for good:
     * every later write fails with "This store is closed".
     */
    static final String INTERRUPT_SAFE = "retry:";


    private static final Gson GSON = new Gson();
    /** Framework or system property: the directory holding the core's and the archive's stores. */
    static final String DATA_DIR_PROPERTY = "atstexting.data.dir";
    static final String STORE_FILE = "texting-archive.mv";

    private final MVStore store;
    private final MVMap<String, String> pending;
    private final MVMap<String, String> attached;
    private final MVMap<String, String> unmatched;

    @Activate
    public ArchiveStore(BundleContext context) {
        this(location(context.getProperty(DATA_DIR_PROPERTY), context.getProperty("karaf.data"),
                context.getDataFile(STORE_FILE)));
    }

    /**
     * Bundle data areas go when the bundle is uninstalled (Karaf's {@code feature:uninstall}),
     * and with them every text still on its way to the host: the framework (or system) property
     * {@value #DATA_DIR_PROPERTY}, else in Karaf {@code ${karaf.data}/ats-texting}, holds the store
     * in its {@code archive/} directory; elsewhere the bundle data area stays the default.
     */
    static File location(String dataDir, String karafData, File dataArea) {
        if (dataDir != null && !dataDir.isBlank()) {
            return new File(new File(dataDir.trim(), "archive"), STORE_FILE);
        }
        if (karafData != null && !karafData.isBlank()) {
            return new File(new File(new File(karafData.trim(), "ats-texting"), "archive"), STORE_FILE);
        }
        return dataArea;
    }

    ArchiveStore(File file) {
        file.getAbsoluteFile().getParentFile().mkdirs();
        store = new MVStore.Builder().fileName(INTERRUPT_SAFE + file.getAbsolutePath()).autoCommitDisabled().open();
        pending = store.openMap("pending");
        attached = store.openMap("attached");
        unmatched = store.openMap("unmatched");
    }

    Optional<ArchiveEntry> pending(String key) {
        return read(pending.get(key));
    }

    Optional<ArchiveEntry> attached(String key) {
        return read(attached.get(key));
    }

    Optional<ArchiveEntry> unmatched(String key) {
        return read(unmatched.get(key));
    }

    List<String> pendingKeys() {
        return List.copyOf(pending.keySet());
    }

    List<ArchiveEntry> unmatched() {
        return unmatched.values().stream().map(json -> GSON.fromJson(json, ArchiveEntry.class)).toList();
    }

    void putPending(String key, ArchiveEntry entry) {
        pending.put(key, GSON.toJson(entry));
        store.commit();
    }

    /** Records where a text ended up, in one commit. */
    void settle(String key, ArchiveEntry entry) {
        settleUncommitted(key, entry, false);
        store.commit();
    }

    /** @param fresh whether the text is in none of the maps yet (nothing to move it from) */
    private void settleUncommitted(String key, ArchiveEntry entry, boolean fresh) {
        if (entry.records().isEmpty()) {
            unmatched.put(key, GSON.toJson(entry));
        } else {
            if (!fresh) {
                unmatched.remove(key);
            }
            attached.put(key, GSON.toJson(entry));
        }
        if (!fresh && pending.containsKey(key)) {
            pending.remove(key);
        }
    }

    /** Keeps several texts pending, in one commit. */
    void putPendingAll(Map<String, ArchiveEntry> entries) {
        entries.forEach((key, entry) -> pending.put(key, GSON.toJson(entry)));
        store.commit();
    }

    /**
     * Records where several texts ended up, in one commit.
     *
     * @param fresh the keys of texts that are in none of the maps yet
     */
    void settleAll(Map<String, ArchiveEntry> entries, Set<String> fresh) {
        entries.forEach((key, entry) -> settleUncommitted(key, entry, fresh.contains(key)));
        store.commit();
    }

    void putUnmatched(String key, ArchiveEntry entry) {
        unmatched.put(key, GSON.toJson(entry));
        store.commit();
    }

    private static Optional<ArchiveEntry> read(String json) {
        return json == null ? Optional.empty() : Optional.of(GSON.fromJson(json, ArchiveEntry.class));
    }

    @Deactivate
    void close() {
        store.close();
    }
}
