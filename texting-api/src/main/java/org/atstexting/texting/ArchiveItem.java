package org.atstexting.texting;

import java.util.Objects;

/**
 * One text for {@link MessageArchive#archiveItems(java.util.List)}, with the record it was
 * sent from.
 *
 * @param message the text
 * @param origin  the record an outbound text was sent from, or {@code null}: the text then
 *                goes on every record whose number matches the other party
 * @since 1.1
 */
public record ArchiveItem(TextMessage message, RecordRef origin) {

    public ArchiveItem {
        Objects.requireNonNull(message, "message");
    }
}
