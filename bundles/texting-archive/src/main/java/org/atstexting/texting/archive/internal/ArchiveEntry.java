package org.atstexting.texting.archive.internal;

import java.time.Instant;
import java.util.List;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.MediaItem;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;

/**
 * One archived text as stored: the text (with why it failed and its media), the record it
 * was sent from (if any), and the records it is attached to. Plain strings, an instant and
 * the API's own records: the local store's JSON form ({@link MvArchiveStore#GSON}) writes the
 * instant as its ISO-8601 text, as it always did.
 */
record ArchiveEntry(String provider, String providerMessageId, String direction, String from, String to,
        String body, Instant timestamp, String userId, String status, DeliveryFailure failure, List<MediaItem> media,
        String origin, List<String> records) {

    static ArchiveEntry of(TextMessage m, RecordRef origin, List<RecordRef> records) {
        return new ArchiveEntry(m.provider(), m.providerMessageId(), m.direction().name(), m.from(), m.to(), m.body(),
                m.timestamp(), m.userId(), m.status().name(), m.failure(),
                m.media().isEmpty() ? null : m.media(), origin == null ? null : origin.toString(),
                records.stream().map(RecordRef::toString).toList());
    }

    TextMessage message() {
        return new TextMessage(provider, providerMessageId, Direction.valueOf(direction), from, to, body,
                timestamp, userId, DeliveryStatus.valueOf(status), failure, media);
    }

    RecordRef originRef() {
        return origin == null ? null : RecordRef.parse(origin);
    }

    List<RecordRef> recordRefs() {
        return records == null ? List.of() : records.stream().map(RecordRef::parse).toList();
    }
}
