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

    /**
     * The provider learned that a number opted out on its side (its own opt-out list, an
     * opt-out event). The core records it like a STOP; a number already opted out changes
     * nothing, so the same news twice has the effect of once. The default ignores the news
     * (for test doubles; the core implements it).
     *
     * @param provider the provider's key
     * @param number   the number that opted out, E.164
     * @param account  the account's number (E.164) the provider reported it for, or {@code null} if not known
     * @param cause    what the provider said, for the record (e.g. {@code contact.opted_out})
     * @since 1.2
     */
    default void optedOut(String provider, String number, String account, String cause) {
        // ignored unless implemented
    }

    /**
     * The provider learned that a number opted back in on its side. The core records it like
     * a START; a number that is not opted out changes nothing.
     *
     * @param provider the provider's key
     * @param number   the number that opted in, E.164
     * @param account  the account's number (E.164) the provider reported it for, or {@code null} if not known
     * @param cause    what the provider said, for the record (e.g. {@code contact.opted_in})
     * @since 1.2
     */
    default void optedIn(String provider, String number, String account, String cause) {
        // ignored unless implemented
    }
}
