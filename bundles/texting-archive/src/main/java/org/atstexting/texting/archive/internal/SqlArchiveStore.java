package org.atstexting.texting.archive.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.atstexting.texting.archive.internal.ArchiveRows.Key;
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
 * archived and announced by the one whose claim lands first ({@link Page#claim}).
 *
 * <p>A page is one transaction, read, claim, hand-over and settle: the claim's rows stay locked
 * until the page commits, so a second node's claim of the same text waits for it and then finds
 * it taken. A crash before the commit leaves nothing of the page, and whoever brings the texts
 * again (a poll re-reads from its cursor, a webhook is retried) archives them as new; the
 * host's attach is idempotent.
 */
@Component(service = ArchiveStore.class, property = Constants.SERVICE_RANKING + ":Integer=100")
public final class SqlArchiveStore implements ArchiveStore {

    /** Claims are written in key order, so two nodes' pages over the same texts lock them in one order. */
    private static final Comparator<Claim> KEY_ORDER = Comparator.comparing(Claim::key);

    /** Ids per look-up statement: a page of the writer ({@value PageWriter#PAGE}) in one. */
    private static final int MAX_IDS = 500;

    private final TextingDatabase db;

    @Activate
    public SqlArchiveStore(@Reference TextingDatabase db) throws SQLException {
        this.db = db;
        db.migrate("archive", List.of(SqlArchiveStore.class.getResource("/db/archive/V1__texts.sql")));
    }

    @Override
    public Map<String, Stored> find(Collection<String> keys) {
        return sql(c -> find(c, keys));
    }

    /**
     * A page's texts in one statement per provider: {@code provider = ? AND provider_message_id
     * IN (...)}, which the primary key answers on PostgreSQL and on H2 (whose plan for a list of
     * {@code (id = ? AND provider = ?) OR ...} pairs scans the table instead).
     */
    private static Map<String, Stored> find(Connection c, Collection<String> keys) throws SQLException {
        Map<String, Stored> found = new HashMap<>();
        Map<String, List<String>> idsByProvider = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            Key key = Key.of(k);
            idsByProvider.computeIfAbsent(key.provider(), p -> new ArrayList<>()).add(key.id());
        }
        for (Map.Entry<String, List<String>> provider : idsByProvider.entrySet()) {
            List<String> ids = provider.getValue();
            for (int from = 0; from < ids.size(); from += MAX_IDS) {
                List<String> chunk = ids.subList(from, Math.min(from + MAX_IDS, ids.size()));
                try (PreparedStatement select = c.prepareStatement("SELECT " + ArchiveRows.COLUMNS
                        + " FROM archive_text WHERE provider = ? AND provider_message_id IN ("
                        + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                    select.setString(1, provider.getKey());
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 2, chunk.get(i));
                    }
                    ArchiveRows.readInto(select, found);
                }
            }
        }
        return found;
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
            try (PreparedStatement select = c.prepareStatement("SELECT " + ArchiveRows.COLUMNS + " FROM archive_text "
                    + "WHERE place = ? ORDER BY sent_at FETCH FIRST " + limit + " ROWS ONLY")) {
                select.setString(1, place.name());
                Map<String, Stored> found = new java.util.LinkedHashMap<>();
                ArchiveRows.readInto(select, found);
                return found.values().stream().map(Stored::entry).toList();
            }
        });
    }

    @Override
    public <T> T inPage(Function<Page, T> work) {
        try {
            return db.inTransaction(c -> {
                try {
                    return work.apply(new SqlPage(c));
                } catch (PageFailed failed) {
                    throw failed.getCause(); // a deadlock's victim is run again by inTransaction
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("The archive's tables could not be written: " + e.getMessage(), e);
        }
    }

    /** A page's statements on its transaction's connection. */
    private final class SqlPage implements Page {
        private final Connection c;

        SqlPage(Connection c) {
            this.c = c;
        }

        @Override
        public Map<String, Stored> find(Collection<String> keys) {
            try {
                return SqlArchiveStore.find(c, keys);
            } catch (SQLException e) {
                throw new PageFailed(e);
            }
        }

        @Override
        public Set<String> claim(List<Claim> claims) {
            try {
                return SqlArchiveStore.claim(c, claims);
            } catch (SQLException e) {
                throw new PageFailed(e);
            }
        }

        @Override
        public void commit(List<Move> moves) {
            try {
                batch(c, ArchiveRows.SETTLE, moves, ArchiveRows::bindSettle);
            } catch (SQLException e) {
                throw new PageFailed(e);
            }
        }
    }

    /** Carries a page's SQL failure through the page's work to its transaction. */
    private static final class PageFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PageFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static Set<String> claim(Connection c, List<Claim> claims) throws SQLException {
        Set<String> lost = new HashSet<>();
        List<Claim> fresh = claims.stream().filter(cl -> cl.previous() == null).sorted(KEY_ORDER).toList();
        int[] inserted = batch(c, ArchiveRows.INSERT, fresh, (s, cl) -> ArchiveRows.bindRow(s, cl.key(), cl.entry(),
                cl.place()));
        for (int i = 0; i < fresh.size(); i++) {
            if (inserted[i] == 0) {
                lost.add(fresh.get(i).key());
            }
        }
        List<Claim> events = claims.stream().filter(cl -> !lost.contains(cl.key())).sorted(KEY_ORDER).toList();
        int[] recorded = batch(c, ArchiveRows.EVENT, events, ArchiveRows::bindEvent);
        List<Claim> moving = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (recorded[i] == 0 && events.get(i).previous() != null) {
                lost.add(events.get(i).key()); // this status was recorded by another node
            } else if (events.get(i).previous() != null) {
                moving.add(events.get(i));
            }
        }
        int[] moved = batch(c, ArchiveRows.MOVE_STATUS, moving, ArchiveRows::bindMove);
        for (int i = 0; i < moving.size(); i++) {
            if (moved[i] == 0) {
                lost.add(moving.get(i).key()); // another node moved it from the status this page read
            }
        }
        return lost;
    }

    @Override
    public void close() {
        // the database belongs to the TextingDatabase service
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

    private <T> T sql(org.atstexting.texting.jdbc.SqlWork<T> work) {
        try (Connection c = db.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("The archive's tables could not be read: " + e.getMessage(), e);
        }
    }
}
