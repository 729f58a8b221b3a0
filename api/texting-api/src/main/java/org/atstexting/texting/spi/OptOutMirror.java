package org.atstexting.texting.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Implemented by a {@link TextingProvider} that keeps its own opt-out list (TextUs does):
 * the core tells it of every opt-out and opt-in it records that did not come from this
 * provider, so a STOP texted through one provider (or recorded by an admin) is also on the
 * provider's list. The core finds it on the provider's service object
 * ({@code provider instanceof OptOutMirror}), calls it outside any lock, off the caller's
 * thread, with the provider's system credentials when there are any (else the credentials
 * of the account the opt-out came in to, else any stored set), and does not retry: a failure
 * is logged and the core's own registry, which every send checks, stays authoritative.
 *
 * @since 1.2
 */
@ConsumerType
public interface OptOutMirror {

    /**
     * Writes an opt-out to the provider's list.
     *
     * @param credentials the credentials to call the provider with
     * @param number      the number that opted out, E.164
     * @param cause       why, as the core recorded it
     * @throws ProviderException with a kind saying why the provider's list was not changed
     */
    void mirrorOptOut(ProviderCredentials credentials, String number, String cause) throws ProviderException;

    /**
     * Removes an opt-out from the provider's list, where the provider allows it.
     *
     * @param credentials the credentials to call the provider with
     * @param number      the number that opted back in, E.164
     * @param cause       why, as the core recorded it
     * @throws ProviderException with a kind saying why the provider's list was not changed
     */
    void mirrorOptIn(ProviderCredentials credentials, String number, String cause) throws ProviderException;
}
