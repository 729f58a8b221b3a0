package org.atstexting.texting.spi;

import java.time.Instant;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by a {@link TextingProvider} that can look a text up in the account's sent
 * messages: the declaration that "not found" means "not sent". The core asks it before it
 * sends again a text whose answer was lost (a timeout, a crash, {@link ProviderException.Kind#OUTCOME_UNKNOWN})
 * — found, the text counts as sent; not found, it may go again. It finds it on the provider's
 * service object ({@code provider instanceof SentTextLookup}). This is the only declaration
 * the core relies on: for a provider without it, such a text is reported with an unknown
 * outcome and never sent again, whatever its polls report. Its sends also return only once
 * the archive has their text (nothing could bring it back after a crash); a provider with it
 * returns as soon as it accepted the text.
 *
 * @since 1.4
 */
@ConsumerType
public interface SentTextLookup {

    /**
     * The text with this recipient and body that the account sent at or after {@code notBefore}.
     *
     * @param credentials the account's credentials
     * @param text        the recipient and body that were sent
     * @param notBefore   the earliest it can have been accepted (the attempt, less a clock slack)
     * @return its receipt, or empty when the account sent no such text
     * @throws ProviderException when the provider could not be asked: the core asks again later;
     *         of kind {@link ProviderException.Kind#OUTCOME_UNKNOWN} when asking again cannot tell
     *         either (the history that would hold the text is beyond what the look-up can read):
     *         the core then reports the text's outcome unknown and never sends it again
     */
    Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text, Instant notBefore)
            throws ProviderException;
}
