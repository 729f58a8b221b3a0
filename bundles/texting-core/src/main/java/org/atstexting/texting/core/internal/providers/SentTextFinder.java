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
        /** The provider declares no look-up: nobody can tell. */
        UNKNOWN,
        /** The provider could not be asked now: ask again later, send nothing. */
        UNREACHABLE
    }

    /** @param messageKey the key of the text found, when {@link Outcome#SENT} */
    public record Lookup(Outcome outcome, String messageKey) {
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
            return new Lookup(Outcome.UNREACHABLE, null);
        }
        Optional<SentTextLookup> lookup = providers.lookup(provider);
        if (lookup.isEmpty()) {
            return new Lookup(Outcome.UNKNOWN, null);
        }
        try {
            return lookup.get().findSent(vault.unlock(account.get()), new OutboundText(to, body), notBefore)
                    .map(receipt -> new Lookup(Outcome.SENT, provider + ":" + receipt.providerMessageId()))
                    .orElse(new Lookup(Outcome.NOT_SENT, null));
        } catch (ProviderException | TextingException e) {
            return new Lookup(Outcome.UNREACHABLE, null);
        }
    }
}
