package org.atstexting.texting.core.internal.providers;

import java.time.Instant;
import java.util.Optional;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.SentTextLookup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers "did this text go out?" for a send whose answer was lost (a crash, a timeout). Only
 * a provider that declares a look-up ({@link SentTextLookup}, SPI 1.4) can say: the
 * declaration is that "not found" means "not sent". For any other provider the outcome is
 * unknown, and the caller must not send again (nobody is texted twice). What a provider's
 * polls happen to report is not taken as such a declaration: a history that is empty today
 * may only be late.
 */
@Component(service = SentTextFinder.class)
public final class SentTextFinder {

    /** What a look-up found. */
    public enum Outcome {
        /** The provider took the text: {@link Lookup#messageKey()} is its key. */
        SENT,
        /** The provider's look-up has no such text: it was never accepted. */
        NOT_SENT,
        /**
         * Nobody can tell, now or later: the provider declares no look-up, or it said its look-up
         * cannot reach back to the attempt ({@link ProviderException.Kind#OUTCOME_UNKNOWN}).
         */
        UNKNOWN,
        /** The provider could not be asked now: ask again later, send nothing. */
        UNREACHABLE
    }

    /**
     * @param messageKey the key of the text found, when {@link Outcome#SENT}
     * @param reason     why, when {@link Outcome#UNKNOWN} or {@link Outcome#UNREACHABLE} (else {@code null})
     */
    public record Lookup(Outcome outcome, String messageKey, String reason) {
    }

    private final CredentialVault vault;
    private final ProviderRegistry providers;

    @Activate
    public SentTextFinder(@Reference CredentialVault vault, @Reference ProviderRegistry providers) {
        this.vault = vault;
        this.providers = providers;
    }

    /**
     * Whether the account's provider can be asked now, once before any number of {@link #find}
     * calls for it.
     *
     * @return false when the account is gone or its provider is away (it may come back with
     *         its look-up): try later
     */
    public boolean reachable(String userId, String provider) {
        return vault.find(provider, userId).isPresent() && providers.find(provider).isPresent();
    }

    /** A text with this body from the user's account to {@code to} at or after {@code notBefore}. */
    public Lookup find(String userId, String provider, String to, String body, Instant notBefore) {
        Optional<StoredCredential> account = vault.find(provider, userId);
        if (account.isEmpty() || providers.find(provider).isEmpty()) {
            return new Lookup(Outcome.UNREACHABLE, null, "the account or its provider is not there now");
        }
        Optional<SentTextLookup> lookup = providers.lookup(provider);
        if (lookup.isEmpty()) {
            return new Lookup(Outcome.UNKNOWN, null, provider + " cannot look up its sent texts");
        }
        try {
            return lookup.get().findSent(vault.unlock(account.get()), new OutboundText(to, body), notBefore)
                    .map(receipt -> new Lookup(Outcome.SENT, provider + ":" + receipt.providerMessageId(), null))
                    .orElse(new Lookup(Outcome.NOT_SENT, null, null));
        } catch (ProviderException e) {
            // OUTCOME_UNKNOWN is the provider's "never": asking again cannot do better (SPI 1.4)
            return new Lookup(e.kind() == ProviderException.Kind.OUTCOME_UNKNOWN ? Outcome.UNKNOWN
                    : Outcome.UNREACHABLE, null, e.getMessage());
        } catch (TextingException e) {
            return new Lookup(Outcome.UNREACHABLE, null, e.getMessage());
        }
    }
}
