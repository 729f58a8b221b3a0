package org.atstexting.texting.archive.internal;

import java.io.File;
import java.util.List;
import java.util.Optional;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import com.google.gson.Gson;

/**
 * The archive's durable state in an H2 MVStore (where: {@link #location}): texts on their
 * way to the host ({@link Place#PENDING}), texts attached and where ({@link Place#ATTACHED}),
 * and texts that matched no record ({@link Place#UNMATCHED}). A text the host cannot take
 * now is committed as pending and handed over when the host is back.
 */
@Component(service = ArchiveStore.class)
public final class ArchiveStore {

    /** Where a stored text is. */
    enum Place { PENDING, ATTACHED, UNMATCHED }

    /** A stored text and where it is. */
    record Stored(String key, ArchiveEntry entry, Place place) {
    }

    /**
     * A text's new state for {@link #commit}.
     *
     * @param from where it was, {@code null} if the store has never seen it
     */
    record Move(String key, ArchiveEntry entry, Place from, Place to) {
    }

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
    private final java.util.Map<Place, MVMap<String, String>> maps = new java.util.EnumMap<>(Place.class);

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
        for (Place place : Place.values()) {
            maps.put(place, store.openMap(place.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** The text with that key, wherever it is (a text is in one place at a time). */
    Optional<Stored> find(String key) {
        for (Place place : Place.values()) {
            String json = maps.get(place).get(key);
            if (json != null) {
                return Optional.of(new Stored(key, GSON.fromJson(json, ArchiveEntry.class), place));
            }
        }
        return Optional.empty();
    }

    List<String> keys(Place place) {
        return List.copyOf(maps.get(place).keySet());
    }

    List<ArchiveEntry> entries(Place place) {
        return maps.get(place).values().stream().map(json -> GSON.fromJson(json, ArchiveEntry.class)).toList();
    }

    /** Records the new state of several texts in one commit. */
    void commit(List<Move> moves) {
        for (Move move : moves) {
            if (move.from() != null && move.from() != move.to()) {
                maps.get(move.from()).remove(move.key());
            }
            maps.get(move.to()).put(move.key(), GSON.toJson(move.entry()));
        }
        store.commit();
    }

    @Deactivate
    void close() {
        store.close();
    }
}
