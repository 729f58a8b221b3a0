package org.atstexting.texting.host;

import java.util.Objects;

import org.atstexting.texting.RecordRef;

/**
 * An employee or contact record as texting sees it.
 *
 * @param ref         which record
 * @param displayName name shown to people
 * @param phoneNumber the record's mobile number in E.164, or {@code null} if it has none
 */
public record HostRecord(RecordRef ref, String displayName, String phoneNumber) {

    public HostRecord {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(displayName, "displayName");
    }
}
