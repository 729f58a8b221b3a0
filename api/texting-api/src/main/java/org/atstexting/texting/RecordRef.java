package org.atstexting.texting;

import java.util.Objects;

/**
 * Identifies one employee or contact record in the host.
 *
 * @param type the kind of record
 * @param id   the host's id of the record, never blank
 */
public record RecordRef(RecordType type, String id) {

    public RecordRef {
        Objects.requireNonNull(type, "type");
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("record id must not be blank");
        }
    }

    /** Parses the {@link #toString()} form, {@code employee:42} or {@code contact:7}. */
    public static RecordRef parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("a record is written type:id, e.g. employee:42, not '" + text + "'");
        }
        RecordType type;
        try {
            type = RecordType.valueOf(text.substring(0, colon).trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown record type in '" + text + "': use employee or contact");
        }
        return new RecordRef(type, text.substring(colon + 1).trim());
    }

    @Override
    public String toString() {
        return type.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
