package org.atstexting.texting.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a provider pushes what it learns on its own (a webhook, a push connection):
 * inbound texts and delivery status changes. The core registers this service; a
 * provider uses it when present and otherwise leaves the news to the next
 * {@link TextingProvider#fetchInbound poll}. Calls are idempotent: the same message or
 * status twice has the effect of once.
 */
@ProviderType
public interface ProviderCallback {

    /**
     * A text came in to one of the provider's accounts.
     *
     * @param provider the provider's key
     */
    void received(String provider, InboundText text);

    /**
     * A sent text's delivery status changed.
     *
     * @param provider the provider's key
     */
    void statusChanged(String provider, StatusUpdate update);
}
