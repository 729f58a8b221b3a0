package org.atstexting.texting.spi;

import org.atstexting.texting.CredentialCheck;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A texting provider: sends texts and reads the account's inbound texts through one
 * provider's API. Register it as a service with {@value #PROVIDER_PROPERTY} set to the
 * provider's key (e.g. {@code zipwhip}).
 *
 * <p>The core has already checked permissions, chosen the credentials and normalised
 * numbers to E.164 before it calls a provider. Implementations must be thread-safe and
 * must never log a password or session key.
 */
@ConsumerType
public interface TextingProvider {

    /** The service property naming the provider; the core picks providers by it. */
    String PROVIDER_PROPERTY = "texting.provider";

    /**
     * Sends one text from the account of {@code credentials}.
     *
     * @throws ProviderException with a kind the core maps to a plain reason
     */
    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException;

    /** Logs in with the credentials and says plainly whether they work. Never throws. */
    CredentialCheck test(ProviderCredentials credentials);

    /**
     * Reads the account's inbound texts that arrived after {@code cursor}.
     *
     * @param cursor what the previous call returned as its cursor, or {@code null} the first time
     * @return the new texts, oldest first, and the cursor to pass next time
     */
    InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) throws ProviderException;
}
