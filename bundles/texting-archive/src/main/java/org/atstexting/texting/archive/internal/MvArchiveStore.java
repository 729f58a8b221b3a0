package org.atstexting.texting.archive.internal;

import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

/**
 * The archive's durable state in an H2 MVStore file (where: {@link #location}), for a runtime
 * without the shared database: one node, so this store's one writer ({@link PageWriter}) never
 * races another and a page needs one commit. {@link SqlArchiveStore} outranks it whenever the
 * shared database is there. Texts in this file are not moved to the database (no release
 * exists yet).
 */
@Component(service = ArchiveStore.class, property = Constants.SERVICE_RANKING + ":Integer=0")
public final class MvArchiveStore implements ArchiveStore {

    /**
     * H2's "retry:" file system reopens the file channel when a thread is interrupted in the
     * middle of a write. Without it, one interrupt (an executor's shutdownNow during a poll, a
     * component stopped under a send) closes the channel and with it the whole store for good:
     * every later write fails with "This store is closed".
     */
    static final String INTERRUPT_SAFE = "retry:";

    /** The entries' JSON; an instant as its ISO-8601 text (the form entries were always stored in). */
    static final Gson GSON = new GsonBuilder().registerTypeAdapter(Instant.class, new TypeAdapter<Instant>() {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            return Instant.parse(in.nextString());
        }
    }.nullSafe()).create();
    /** Framework or system property: the directory holding the core's and the archive's stores. */
    static final String DATA_DIR_PROPERTY = "atstexting.data.dir";
    static final String STORE_FILE = "texting-archive.mv";

    private final MVStore store;
    private final java.util.Map<Place, MVMap<String, String>> maps = new java.util.EnumMap<>(Place.class);

    @Activate
    public MvArchiveStore(BundleContext context) {
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

    MvArchiveStore(File file) {
        file.getAbsoluteFile().getParentFile().mkdirs();
        store = new MVStore.Builder().fileName(INTERRUPT_SAFE + file.getAbsolutePath()).autoCommitDisabled().open();
        for (Place place : Place.values()) {
            maps.put(place, store.openMap(place.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Override
    public Map<String, Stored> find(Collection<String> keys) {
        Map<String, Stored> found = new HashMap<>();
        for (String key : keys) {
            for (Place place : Place.values()) {
                String json = maps.get(place).get(key);
                if (json != null) {
                    found.put(key, new Stored(key, GSON.fromJson(json, ArchiveEntry.class), place));
                    break;
                }
            }
        }
        return found;
    }

    @Override
    public List<String> keys(Place place, int limit) {
        return maps.get(place).keySet().stream().limit(limit).toList();
    }

    @Override
    public List<ArchiveEntry> entries(Place place, int limit) {
        return maps.get(place).values().stream().limit(limit).map(json -> GSON.fromJson(json, ArchiveEntry.class))
                .toList();
    }

    /**
     * One node, one writer: nobody else can have claimed a text between this page's read and its
     * commit, so a claim never loses. The page is one MVStore commit; a page that throws leaves the
     * store as the last commit had it.
     */
    @Override
    public <T> T inPage(java.util.function.Function<Page, T> work) {
        try {
            T result = work.apply(page);
            store.commit();
            return result;
        } catch (RuntimeException | Error e) {
            store.rollback();
            throw e;
        }
    }

    private final Page page = new Page() {
        @Override
        public Map<String, Stored> find(Collection<String> keys) {
            return MvArchiveStore.this.find(keys);
        }

        @Override
        public Set<String> claim(List<Claim> claims) {
            Set<String> stored = new java.util.HashSet<>();
            for (Claim claim : claims) {
                // a new text is written where the page expects it, unless it is stored already (a page
                // that claims before it looks, see PageWriter); a status move waits for commit
                if (claim.previous() != null) {
                    continue;
                }
                if (maps.values().stream().anyMatch(texts -> texts.containsKey(claim.key()))) {
                    stored.add(claim.key());
                } else {
                    maps.get(claim.place()).put(claim.key(), GSON.toJson(claim.entry()));
                }
            }
            return stored;
        }

        @Override
        public void commit(List<Move> moves) {
            for (Move move : moves) {
                if (move.from() != null && move.from() != move.to()) {
                    maps.get(move.from()).remove(move.key());
                } else if (move.from() == null) { // a new text its claim put elsewhere than it ended up
                    maps.forEach((place, texts) -> {
                        if (place != move.to()) {
                            texts.remove(move.key());
                        }
                    });
                }
                maps.get(move.to()).put(move.key(), GSON.toJson(move.entry()));
            }
        }
    };

    @Override
    @Deactivate
    public void close() {
        store.close();
    }
}
