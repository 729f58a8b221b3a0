package org.atstexting.texting;

import java.util.Objects;

/**
 * A user's request to send a text, either to a number or to the number of a record.
 *
 * @param actingUserId the host user who sends; the service checks "Can Text" for this user
 * @param provider     the provider to send through, or {@code null} for the user's only one
 * @param record       the record the text is sent from, or {@code null} when sent to a number
 * @param to           the recipient's number in any common format, or {@code null} to use the record's
 * @param body         the text
 */
public record SendRequest(String actingUserId, String provider, RecordRef record, String to, String body) {

    public SendRequest {
        Objects.requireNonNull(actingUserId, "actingUserId");
        if (record == null && to == null) {
            throw new IllegalArgumentException("a text needs a recipient number or a record");
        }
    }

    /** A text to a phone number; it is archived on every record with that number. */
    public static SendRequest toNumber(String actingUserId, String to, String body) {
        return new SendRequest(actingUserId, null, null, to, body);
    }

    /** A text to the number of a record; it is archived on that record. */
    public static SendRequest fromRecord(String actingUserId, RecordRef record, String body) {
        return new SendRequest(actingUserId, null, record, null, body);
    }

    /** This request, sent through the named provider. */
    public SendRequest via(String providerKey) {
        return new SendRequest(actingUserId, providerKey, record, to, body);
    }
}
