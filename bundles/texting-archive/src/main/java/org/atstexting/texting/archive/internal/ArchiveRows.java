package org.atstexting.texting.archive.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.MediaItem;
import org.atstexting.texting.archive.internal.ArchiveStore.Claim;
import org.atstexting.texting.archive.internal.ArchiveStore.Place;
import org.atstexting.texting.archive.internal.ArchiveStore.Stored;
import org.atstexting.texting.jdbc.TextingDatabase;

import com.google.gson.Gson;

/**
 * The archive's rows in SQL: the statements {@link SqlArchiveStore} runs, how an entry is bound
 * to them and read back, and the one codec of the JSON columns (records, media).
 */
final class ArchiveRows {

    static final String COLUMNS = "provider, provider_message_id, place, direction, from_number, to_number, "
            + "body, sent_at, user_id, status, failure_reason, failure_code, failure_detail, media, origin, records";
    static final String INSERT = "INSERT INTO archive_text (" + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    static final String EVENT = "INSERT INTO archive_status_event (provider, provider_message_id, status, "
            + "failure_reason, failure_code, recorded_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT DO NOTHING";
    static final String MOVE_STATUS = "UPDATE archive_text SET status = ?, failure_reason = ?, "
            + "failure_code = ?, failure_detail = ? WHERE provider = ? AND provider_message_id = ? AND status = ?";
    static final String SETTLE = "UPDATE archive_text SET place = ?, status = ?, failure_reason = ?, "
            + "failure_code = ?, failure_detail = ?, records = ? WHERE provider = ? AND provider_message_id = ?";

    private static final Gson GSON = new Gson();

    private ArchiveRows() {
    }

    /** A text's key split into provider and provider message id (a provider key has no colon). */
    record Key(String provider, String id) {
        static Key of(String key) {
            int colon = key.indexOf(':');
            return new Key(key.substring(0, colon), key.substring(colon + 1));
        }
    }

    static void bindRow(PreparedStatement s, String key, ArchiveEntry e, Place place) throws SQLException {
        Key k = Key.of(key);
        s.setString(1, k.provider());
        s.setString(2, k.id());
        s.setString(3, place.name());
        s.setString(4, e.direction());
        s.setString(5, e.from());
        s.setString(6, e.to());
        s.setString(7, e.body());
        s.setObject(8, TextingDatabase.timestamp(e.timestamp()));
        s.setString(9, e.userId());
        s.setString(10, e.status());
        bindFailure(s, 11, e.failure());
        s.setString(14, e.media() == null || e.media().isEmpty() ? null : GSON.toJson(e.media()));
        s.setString(15, e.origin());
        s.setString(16, GSON.toJson(e.records() == null ? List.of() : e.records()));
    }

    static void bindEvent(PreparedStatement s, Claim claim) throws SQLException {
        Key k = Key.of(claim.key());
        s.setString(1, k.provider());
        s.setString(2, k.id());
        s.setString(3, claim.entry().status());
        DeliveryFailure f = claim.entry().failure();
        s.setString(4, f == null ? null : f.reason().name());
        s.setString(5, f == null ? null : f.providerCode());
    }

    static void bindMove(PreparedStatement s, Claim claim) throws SQLException {
        Key k = Key.of(claim.key());
        s.setString(1, claim.entry().status());
        bindFailure(s, 2, claim.entry().failure());
        s.setString(5, k.provider());
        s.setString(6, k.id());
        s.setString(7, claim.previous().name());
    }

    static void bindSettle(PreparedStatement s, ArchiveStore.Move m) throws SQLException {
        ArchiveEntry e = m.entry();
        Key key = Key.of(m.key());
        s.setString(1, m.to().name());
        s.setString(2, e.status());
        bindFailure(s, 3, e.failure());
        s.setString(6, GSON.toJson(e.records()));
        s.setString(7, key.provider());
        s.setString(8, key.id());
    }

    private static void bindFailure(PreparedStatement s, int at, DeliveryFailure f) throws SQLException {
        s.setString(at, f == null ? null : f.reason().name());
        s.setString(at + 1, f == null ? null : f.providerCode());
        s.setString(at + 2, f == null ? null : f.detail());
    }

    static void readInto(PreparedStatement select, Map<String, Stored> found) throws SQLException {
        try (ResultSet r = select.executeQuery()) {
            while (r.next()) {
                String reason = r.getString("failure_reason");
                DeliveryFailure failure = reason == null ? null : new DeliveryFailure(
                        DeliveryFailure.Reason.valueOf(reason), r.getString("failure_code"), r.getString("failure_detail"));
                String media = r.getString("media");
                ArchiveEntry entry = new ArchiveEntry(r.getString("provider"), r.getString("provider_message_id"),
                        r.getString("direction"), r.getString("from_number"), r.getString("to_number"),
                        r.getString("body"), TextingDatabase.instant(r, "sent_at"), r.getString("user_id"),
                        r.getString("status"), failure, media == null ? null : List.of(GSON.fromJson(media,
                                MediaItem[].class)), r.getString("origin"), strings(r.getString("records")));
                String key = entry.provider() + ":" + entry.providerMessageId();
                found.put(key, new Stored(key, entry, Place.valueOf(r.getString("place"))));
            }
        }
    }

    private static List<String> strings(String json) {
        return json == null ? List.of() : List.of(GSON.fromJson(json, String[].class));
    }
}
