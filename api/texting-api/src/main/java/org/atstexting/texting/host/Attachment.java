package org.atstexting.texting.host;

import java.util.Objects;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;

/**
 * A text to attach to a record.
 *
 * @param ref     the record
 * @param message the text
 */
public record Attachment(RecordRef ref, TextMessage message) {

    public Attachment {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(message, "message");
    }
}
