package org.atstexting.texting.host;

import java.util.Map;
import java.util.Objects;

import org.atstexting.texting.RecordRef;

/**
 * An employee or contact record as texting sees it.
 *
 * @param ref         which record
 * @param displayName name shown to people
 * @param phoneNumber the record's mobile number in E.164, or {@code null} if it has none
 * @param fields      further values templates may merge, by field name (e.g.
 *                    {@code firstName}, {@code lastName}, {@code jobTitle}); empty if the
 *                    host offers none. {@code firstName}, {@code lastName} and
 *                    {@code fullName} are derived from the display name when absent.
 */
public record HostRecord(RecordRef ref, String displayName, String phoneNumber, Map<String, String> fields) {

    public HostRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(displayName, "displayName");
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** A record without further merge fields. */
    public HostRecord(RecordRef ref, String displayName, String phoneNumber) {
        this(ref, displayName, phoneNumber, Map.of());
    }
}
