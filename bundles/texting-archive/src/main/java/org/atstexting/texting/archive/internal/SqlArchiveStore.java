package org.atstexting.texting.archive.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The archive's texts in the shared SQL database, so every node sees one archive: unique
 * (provider, provider message id) for texts and (provider, provider message id, status) for
 * status events, written with {@code ON CONFLICT DO NOTHING} (PostgreSQL ends a transaction at
 * the first error, so a duplicate key must not be one). A webhook that reaches two nodes is
 * archived and announced by the one whose claim lands first ({@link #claim}).
 */
@Component(service = ArchiveStore.class, property = Constants.SERVICE_RANKING + ":Integer=100")
public final class SqlArchiveStore implements ArchiveStore {

    private static final String COLUMNS = "provider, provider_message_id, place, direction, from_number, to_number, "
            + "body, sent_at, user_id, status, failure_reason, failure_code, failure_detail, media, origin, records";
    private static final String INSERT = "INSERT INTO archive_text (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String EVENT = "INSERT INTO archive_status_event (provider, provider_message_id, status, "
            + "failure_reason, failure_code, recorded_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING";
    private static final String MOVE_STATUS = "UPDATE archive_text SET status = ?, failure_reason = ?, "
            + "failure_code = ?, failure_detail = ? WHERE provider = ? AND provider_message_id = ? AND status = ?";
    private static final String SETTLE = "UPDATE archive_text SET place = ?, status = ?, failure_reason = ?, "
            + "failure_code = ?, failure_detail = ?, records = ? WHERE provider = ? AND provider_message_id = ?";

    private final TextingDatabase db;
    private final boolean perKey;

    @Activate
    public SqlArchiveStore(@Reference TextingDatabase db) throws SQLException {
        this.db = db;
        this.perKey = "H2".equalsIgnoreCase(db.product());
        db.migrate("archive", List.of(SqlArchiveStore.class.getResource("/db/archive/V1__texts.sql")));
    }

    /** A text's key split into provider and provider message id (a provider key has no colon). */
    private record Key(String provider, String id) {
        static Key of(String key) {
            int colon = key.indexOf(':');
            return new Key(key.substring(0, colon), key.substring(colon + 1));
        }
    }

    /**
     * A page's texts in one statement on PostgreSQL (an id list the primary key answers); one
     * look-up per key on H2, whose plan for a parameter list scans the table.
     */
    @Override
    public Map<String, Stored> find(Collection<String> keys) {
        return sql(c -> {
            Map<String, Stored> found = new HashMap<>();
            if (keys.isEmpty()) {
                return found;
            }
            if (!perKey) {
                findInOne(c, keys, found);
                return found;
            }
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM archive_text "
                    + "WHERE provider_message_id = ? AND provider = ?")) {
                for (String k : keys) {
                    Key key = Key.of(k);
                    select.setString(1, key.id());
                    select.setString(2, key.provider());
                    readInto(select, found);
                }
            }
            return found;
        });
    }

    private static void findInOne(Connection c, Collection<String> keys, Map<String, Stored> found)
            throws SQLException {
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += 500) {
            List<Key> chunk = all.subList(from, Math.min(from + 500, all.size())).stream().map(Key::of).toList();
            String pairs = String.join(" OR ", java.util.Collections.nCopies(chunk.size(),
                    "(provider_message_id = ? AND provider = ?)"));
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM archive_text WHERE "
                    + pairs)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(2 * i + 1, chunk.get(i).id());
                    select.setString(2 * i + 2, chunk.get(i).provider());
                }
                readInto(select, found);
            }
        }
    }

    @Override
    public List<String> keys(Place place, int limit) {
        return sql(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT provider, provider_message_id FROM archive_text "
                    + "WHERE place = ? FETCH FIRST " + limit + " ROWS ONLY")) {
                select.setString(1, place.name());
                List<String> keys = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1) + ":" + rows.getString(2));
                    }
                }
                return keys;
            }
        });
    }

    @Override
    public List<ArchiveEntry> entries(Place place, int limit) {
        return sql(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM archive_text WHERE "
                    + "place = ? ORDER BY sent_at FETCH FIRST " + limit + " ROWS ONLY")) {
                select.setString(1, place.name());
                Map<String, Stored> found = new java.util.LinkedHashMap<>();
                readInto(select, found);
                return found.values().stream().map(Stored::entry).toList();
            }
        });
    }

    @Override
    public Set<String> claim(List<Claim> claims) {
        return transaction(c -> {
            Set<String> lost = new HashSet<>();
            List<Claim> fresh = claims.stream().filter(cl -> cl.previous() == null).toList();
            List<Claim> moves = claims.stream().filter(cl -> cl.previous() != null).toList();
            int[] inserted = batch(c, INSERT, fresh, (s, cl) -> bindRow(s, cl.key(), cl.entry(), Place.PENDING));
            for (int i = 0; i < fresh.size(); i++) {
                if (inserted[i] == 0) {
                    lost.add(fresh.get(i).key());
                }
            }
            List<Claim> events = claims.stream().filter(cl -> !lost.contains(cl.key())).toList();
            int[] recorded = batch(c, EVENT, events, (s, cl) -> bindEvent(s, cl));
            List<Claim> moving = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (recorded[i] == 0 && events.get(i).previous() != null) {
                    lost.add(events.get(i).key()); // this status was recorded by another node
                } else if (events.get(i).previous() != null) {
                    moving.add(events.get(i));
                }
            }
            int[] moved = batch(c, MOVE_STATUS, moving, (s, cl) -> bindMove(s, cl));
            for (int i = 0; i < moving.size(); i++) {
                if (moved[i] == 0) {
                    lost.add(moving.get(i).key()); // another node moved it from the status this page read
                }
            }
            return lost;
        });
    }

    @Override
    public void commit(List<Move> moves) {
        transaction(c -> batch(c, SETTLE, moves, (s, m) -> {
            ArchiveEntry e = m.entry();
            Key key = Key.of(m.key());
            s.setString(1, m.to().name());
            s.setString(2, e.status());
            bindFailure(s, 3, e.failure());
            s.setString(6, Json.GSON.toJson(e.records()));
            s.setString(7, key.provider());
            s.setString(8, key.id());
        }));
    }

    @Override
    public void close() {
        // the database belongs to the TextingDatabase service
    }

    private static void bindRow(PreparedStatement s, String key, ArchiveEntry e, Place place) throws SQLException {
        Key k = Key.of(key);
        s.setString(1, k.provider());
        s.setString(2, k.id());
        s.setString(3, place.name());
        s.setString(4, e.direction());
        s.setString(5, e.from());
        s.setString(6, e.to());
        s.setString(7, e.body());
        s.setObject(8, TextingDatabase.timestamp(Instant.parse(e.timestamp())));
        s.setString(9, e.userId());
        s.setString(10, e.status());
        bindFailure(s, 11, e.failure());
        s.setString(14, e.media() == null || e.media().isEmpty() ? null : Json.GSON.toJson(e.media()));
        s.setString(15, e.origin());
        s.setString(16, Json.GSON.toJson(e.records() == null ? List.of() : e.records()));
    }

    private static void bindEvent(PreparedStatement s, Claim claim) throws SQLException {
        Key k = Key.of(claim.key());
        s.setString(1, k.provider());
        s.setString(2, k.id());
        s.setString(3, claim.entry().status());
        DeliveryFailure f = claim.entry().failure();
        s.setString(4, f == null ? null : f.reason().name());
        s.setString(5, f == null ? null : f.providerCode());
    }

    private static void bindMove(PreparedStatement s, Claim claim) throws SQLException {
        Key k = Key.of(claim.key());
        s.setString(1, claim.entry().status());
        bindFailure(s, 2, claim.entry().failure());
        s.setString(5, k.provider());
        s.setString(6, k.id());
        s.setString(7, claim.previous().name());
    }

    private static void bindFailure(PreparedStatement s, int at, DeliveryFailure f) throws SQLException {
        s.setString(at, f == null ? null : f.reason().name());
        s.setString(at + 1, f == null ? null : f.providerCode());
        s.setString(at + 2, f == null ? null : f.detail());
    }

    private static void readInto(PreparedStatement select, Map<String, Stored> found) throws SQLException {
        try (ResultSet r = select.executeQuery()) {
            while (r.next()) {
                String reason = r.getString("failure_reason");
                DeliveryFailure failure = reason == null ? null : new DeliveryFailure(
                        DeliveryFailure.Reason.valueOf(reason), r.getString("failure_code"), r.getString("failure_detail"));
                String media = r.getString("media");
                ArchiveEntry entry = new ArchiveEntry(r.getString("provider"), r.getString("provider_message_id"),
                        r.getString("direction"), r.getString("from_number"), r.getString("to_number"),
                        r.getString("body"), TextingDatabase.instant(r, "sent_at").toString(), r.getString("user_id"),
                        r.getString("status"), failure, media == null ? null : Json.media(media), r.getString("origin"),
                        Json.strings(r.getString("records")));
                String key = entry.provider() + ":" + entry.providerMessageId();
                found.put(key, new Stored(key, entry, Place.valueOf(r.getString("place"))));
            }
        }
    }

    private interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    private static <T> int[] batch(Connection c, String sql, List<T> items, Binder<T> binder) throws SQLException {
        if (items.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
            }
            return statement.executeBatch();
        }
    }

    private <T> T transaction(org.atstexting.texting.jdbc.SqlWork<T> work) {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("The archive's tables could not be written: " + e.getMessage(), e);
        }
    }

    private <T> T sql(org.atstexting.texting.jdbc.SqlWork<T> work) {
        try (Connection c = db.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("The archive's tables could not be read: " + e.getMessage(), e);
        }
    }

    /** The JSON columns (records, media): one codec for this store. */
    private static final class Json {
        static final com.google.gson.Gson GSON = new com.google.gson.Gson();

        static List<String> strings(String json) {
            return json == null ? List.of() : List.of(GSON.fromJson(json, String[].class));
        }

        static List<org.atstexting.texting.MediaItem> media(String json) {
            return List.of(GSON.fromJson(json, org.atstexting.texting.MediaItem[].class));
        }
    }

}
