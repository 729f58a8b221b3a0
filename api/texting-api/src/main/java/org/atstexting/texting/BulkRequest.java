package org.atstexting.texting;

import java.util.List;
import java.util.Objects;

/**
 * A user's request to text many records: one message, or one template filled in per record.
 *
 * @param actingUserId the host user who sends; needs "Can Text"
 * @param provider     the provider to send through, or {@code null} for the user's only one
 * @param records      the records to text, in order; their numbers are deduplicated
 * @param body         the message, or {@code null} when a template is named
 * @param templateName the template, or {@code null} when a body is given
 */
public record BulkRequest(String actingUserId, String provider, List<RecordRef> records, String body,
        String templateName) {

    public BulkRequest {
        Objects.requireNonNull(actingUserId, "actingUserId");
        records = List.copyOf(records);
        if ((body == null) == (templateName == null)) {
            throw new IllegalArgumentException("a bulk text needs either a message or a template, not both");
        }
    }

    /** One message to every record. */
    public static BulkRequest message(String actingUserId, List<RecordRef> records, String body) {
        return new BulkRequest(actingUserId, null, records, body, null);
    }

    /** A template filled in for every record. */
    public static BulkRequest template(String actingUserId, List<RecordRef> records, String templateName) {
        return new BulkRequest(actingUserId, null, records, null, templateName);
    }

    /** This request, sent through the named provider. */
    public BulkRequest via(String providerKey) {
        return new BulkRequest(actingUserId, providerKey, records, body, templateName);
    }
}
