package org.atstexting.host.reference.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.MediaItem;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * Rows of {@code host_attachment} (one {@link TextMessage} on one record each, unique per record,
 * provider and provider message id) and {@code host_attachment_media} (its media, in order).
 */
final class AttachmentRows {

    private static final String KEY = "record_type = ? AND record_id = ? AND provider = ? AND provider_message_id = ?";
    private static final String COLUMNS = "provider, provider_message_id, direction, from_number, to_number, body,"
            + " sent_at, user_id, status, failure_reason, failure_code, failure_detail";

    private AttachmentRows() {
    }

    /**
     * Attaches the text unless the record has it already.
     *
     * @return whether this call inserted it (false: a row with its key was there, from any node)
     */
    static boolean insert(Connection c, RecordRef ref, TextMessage m) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO host_attachment (record_type, record_id, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            RecordRows.bindRef(s, ref, 1);
            s.setString(3, m.provider());
            s.setString(4, m.providerMessageId());
            s.setString(5, m.direction().name());
            s.setString(6, m.from());
            s.setString(7, m.to());
            s.setString(8, m.body());
            s.setObject(9, TextingDatabase.timestamp(m.timestamp()));
            s.setString(10, m.userId());
            s.setString(11, m.status().name());
            bindFailure(s, 12, m.failure());
            if (s.executeUpdate() == 0) {
                return false;
            }
        }
        insertMedia(c, ref, m);
        return true;
    }

    private static void insertMedia(Connection c, RecordRef ref, TextMessage m) throws SQLException {
        if (m.media().isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO host_attachment_media (record_type, record_id,"
                + " provider, provider_message_id, media_index, url, content_type) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < m.media().size(); i++) {
                bindKey(s, ref, m);
                s.setInt(5, i);
                s.setString(6, m.media().get(i).url());
                s.setString(7, m.media().get(i).contentType());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The attached text's status, locked until the transaction ends (so two status moves queue up). */
    static Optional<DeliveryStatus> lockStatus(Connection c, RecordRef ref, TextMessage m) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM host_attachment WHERE " + KEY + " FOR UPDATE")) {
            bindKey(s, ref, m);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(DeliveryStatus.valueOf(r.getString(1))) : Optional.empty();
            }
        }
    }

    /** Moves the attached text's status (and why it failed) on; body and the rest stay as first written. */
    static void updateStatus(Connection c, RecordRef ref, TextMessage m) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE host_attachment SET status = ?, failure_reason = ?,"
                + " failure_code = ?, failure_detail = ? WHERE " + KEY)) {
            s.setString(1, m.status().name());
            bindFailure(s, 2, m.failure());
            s.setString(5, RecordRows.type(ref));
            s.setString(6, ref.id());
            s.setString(7, m.provider());
            s.setString(8, m.providerMessageId());
            s.executeUpdate();
        }
    }

    /** The record's texts (in no particular order). */
    static List<TextMessage> of(Connection c, RecordRef ref) throws SQLException {
        Map<String, List<MediaItem>> media = mediaOf(c, ref);
        List<TextMessage> result = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM host_attachment WHERE record_type = ? AND record_id = ?")) {
            RecordRows.bindRef(s, ref, 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.add(read(r, media));
                }
            }
        }
        return result;
    }

    private static TextMessage read(ResultSet r, Map<String, List<MediaItem>> media) throws SQLException {
        String reason = r.getString("failure_reason");
        DeliveryFailure failure = reason == null ? null : new DeliveryFailure(DeliveryFailure.Reason.valueOf(reason),
                r.getString("failure_code"), r.getString("failure_detail"));
        String provider = r.getString("provider");
        String id = r.getString("provider_message_id");
        return new TextMessage(provider, id, Direction.valueOf(r.getString("direction")), r.getString("from_number"),
                r.getString("to_number"), r.getString("body"), TextingDatabase.instant(r, "sent_at"),
                r.getString("user_id"), DeliveryStatus.valueOf(r.getString("status")), failure,
                media.getOrDefault(TextMessage.keyOf(provider, id), List.of()));
    }

    private static Map<String, List<MediaItem>> mediaOf(Connection c, RecordRef ref) throws SQLException {
        Map<String, List<MediaItem>> media = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT provider, provider_message_id, url, content_type"
                + " FROM host_attachment_media WHERE record_type = ? AND record_id = ? ORDER BY media_index")) {
            RecordRows.bindRef(s, ref, 1);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    media.computeIfAbsent(TextMessage.keyOf(r.getString(1), r.getString(2)), k -> new ArrayList<>())
                            .add(new MediaItem(r.getString(3), r.getString(4)));
                }
            }
        }
        return media;
    }

    private static void bindKey(PreparedStatement s, RecordRef ref, TextMessage m) throws SQLException {
        RecordRows.bindRef(s, ref, 1);
        s.setString(3, m.provider());
        s.setString(4, m.providerMessageId());
    }

    private static void bindFailure(PreparedStatement s, int first, DeliveryFailure f) throws SQLException {
        s.setString(first, f == null ? null : f.reason().name());
        s.setString(first + 1, f == null ? null : f.providerCode());
        s.setString(first + 2, f == null ? null : f.detail());
    }
}
