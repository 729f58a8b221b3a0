package org.atstexting.texting;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends texts on behalf of host users.
 *
 * <p>Each call checks that the acting user holds "Can Text", uses that user's own provider
 * credentials, normalises the recipient to E.164 and hands the sent message to the archive.
 */
@ProviderType
public interface TextingService {

    /**
     * Sends one text.
     *
     * @return the sent message as archived, with the provider's message id
     * @throws TextingException if the user may not text, has no credentials, the input is
     *                          invalid or the provider failed; nothing was sent unless the
     *                          reason is {@link TextingException.Reason#PROVIDER_ERROR}
     *                          after the provider accepted it
     */
    TextMessage send(SendRequest request) throws TextingException;

    /**
     * The texts on a record, oldest first, as the acting user may see them.
     *
     * @throws TextingException {@link TextingException.Reason#NOT_PERMITTED} without the
     *                          "View Text Messages" message action;
     *                          {@link TextingException.Reason#RECORD_NOT_FOUND} for an unknown record
     */
    List<TextMessage> messages(String actingUserId, RecordRef record) throws TextingException;

    /**
     * How a body would travel as SMS (encoding and segments), before it is sent. Needs
     * "Can Text".
     */
    SegmentCount preview(String actingUserId, String body) throws TextingException;

    /** Texts that matched no record, oldest first. Admins only. */
    List<TextMessage> unmatched(String actingUserId) throws TextingException;

    /**
     * Attaches an unmatched text to a record an admin chose; it then leaves the unmatched
     * list. Admins only.
     *
     * @throws TextingException {@link TextingException.Reason#RECORD_NOT_FOUND} for an unknown
     *                          record or a message key that is not unmatched
     */
    void assignUnmatched(String actingUserId, String messageKey, RecordRef record) throws TextingException;
}
