package org.atstexting.texting;

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
}
