package org.atstexting.texting;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Named message templates with merge fields. Admins keep them; users with "Can Text" use
 * them. A placeholder is written {@code {{field}}}. Fields from the record:
 * {@code firstName}, {@code lastName}, {@code fullName} (from its display name unless the
 * host's {@link org.atstexting.texting.host.HostRecord#fields()} give them) and every
 * other host field by name; from the sending user: {@code recruiterName},
 * {@code recruiterFirstName}. A field without a value is a
 * {@link MissingMergeFieldException} before anything is sent.
 */
@ProviderType
public interface TemplateService {

    /**
     * Creates or replaces a template. Admins only.
     *
     * @throws TextingException {@link TextingException.Reason#INVALID_INPUT} for a blank name or
     *                          body, or a malformed placeholder
     */
    MessageTemplate save(String actingUserId, String name, String body) throws TextingException;

    /** Removes a template. Admins only. @return whether there was one */
    boolean remove(String actingUserId, String name) throws TextingException;

    /** Every template, by name. Needs "Can Text". */
    List<MessageTemplate> templates(String actingUserId) throws TextingException;

    /** One template. Needs "Can Text". */
    Optional<MessageTemplate> template(String actingUserId, String name) throws TextingException;

    /**
     * The template filled in for a record and the acting user, with its segment count, as
     * it would be sent. Needs "Can Text".
     *
     * @throws MissingMergeFieldException naming the field without a value
     * @throws TextingException           {@link TextingException.Reason#RECORD_NOT_FOUND} for an
     *                                    unknown template or record
     */
    RenderedText preview(String actingUserId, String name, RecordRef record) throws TextingException;

    /**
     * Sends the template, filled in, to a record's number, exactly as
     * {@link TextingService#send(SendRequest)} would send that text.
     *
     * @param provider the provider to send through, or {@code null} for the user's only one
     */
    TextMessage send(String actingUserId, String name, RecordRef record, String provider) throws TextingException;
}
