package org.atstexting.texting.archive;

import java.util.List;
import java.util.Objects;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;

/**
 * What archiving one {@link ArchiveItem} changed. Callers announce from it: a {@link Change#NEW}
 * text as sent or received, a {@link Change#STATUS_MOVED} one as its new status; nothing
 * for {@link Change#UNCHANGED} or {@link Change#UNKNOWN}.
 *
 * @param change  what changed
 * @param message the text as archived after this item; {@code null} for {@link Change#UNKNOWN}
 * @param records the records it is attached to; empty while it waits for the host or when no
 *                record matched (it is then kept as unmatched)
 */
public record ArchiveOutcome(Change change, TextMessage message, List<RecordRef> records) {

    /** What an item changed. */
    public enum Change {
        /** The archive had not seen the text: it is now archived. */
        NEW,
        /** The archive knew the text; its status moved forward. */
        STATUS_MOVED,
        /** The archive knew the text with this status or a later one: nothing changed. */
        UNCHANGED,
        /** A status for a text the archive does not know: nothing changed. */
        UNKNOWN
    }

    public ArchiveOutcome {
        Objects.requireNonNull(change, "change");
        records = records == null ? List.of() : List.copyOf(records);
    }

    /** Whether the item changed the archive (so it is announced). */
    public boolean changed() {
        return change == Change.NEW || change == Change.STATUS_MOVED;
    }
}
