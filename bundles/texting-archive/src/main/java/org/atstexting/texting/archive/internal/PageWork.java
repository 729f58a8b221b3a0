package org.atstexting.texting.archive.internal;

import java.util.List;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveOutcome.Change;
import org.atstexting.texting.archive.internal.ArchiveStore.Move;
import org.atstexting.texting.archive.internal.ArchiveStore.Place;

/**
 * A text's state as a page of the {@link PageWriter} changes it; {@code from} is where the store
 * had it ({@code null}: nowhere).
 */
final class PageWork {
    final String key;
    final RecordRef origin;
    final Place from;
    /** The status the store had when this page read it ({@code null}: a new text). */
    final DeliveryStatus previous;
    TextMessage message;
    List<RecordRef> records;
    boolean changed;
    /** A new text: where its claim writes it ({@link PageWriter}), and with which records. */
    Place claimed = Place.PENDING;
    List<RecordRef> claimedRecords = List.of();
    /** Its records are the host's answer to "which records", so the hand-over need not ask again. */
    boolean targeted;

    PageWork(String key, TextMessage message, RecordRef origin, List<RecordRef> records, Place from) {
        this.key = key;
        this.message = message;
        this.origin = origin;
        this.records = records;
        this.from = from;
        this.previous = from == null ? null : message.status();
    }

    static PageWork of(ArchiveStore.Stored stored) {
        ArchiveEntry entry = stored.entry();
        return new PageWork(stored.key(), entry.message(), entry.originRef(), entry.recordRefs(), stored.place());
    }

    Change move(DeliveryStatus status, DeliveryFailure failure) {
        if (!message.status().canMoveTo(status)) {
            return Change.UNCHANGED; // the same text again, or a late status: changes nothing
        }
        message = message.withStatus(status, failure != null ? failure : message.failure());
        changed = true;
        return Change.STATUS_MOVED;
    }

    Move to(Place place) {
        return new Move(key, ArchiveEntry.of(message, origin, records), from, place);
    }

    ArchiveStore.Claim claim() {
        claimedRecords = records;
        return new ArchiveStore.Claim(key, ArchiveEntry.of(message, origin, records), previous, claimed);
    }

    /** A new text the host took as its claim expected: the claim already wrote it where it is. */
    boolean settledByClaim(Place place) {
        return from == null && place == claimed && records.equals(claimedRecords);
    }
}
