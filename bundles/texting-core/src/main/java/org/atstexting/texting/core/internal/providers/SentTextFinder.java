package org.atstexting.texting.core.internal.providers;

import java.time.Instant;
import java.util.Optional;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.core.internal.inbound.InboundPoller;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.SentTextLookup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers "did this text go out?" for a send whose answer was lost (a crash, a timeout). A
 * provider that declares a look-up ({@link SentTextLookup}, SPI 1.4) is asked directly. For
 * any other, the account is polled, which puts the provider's sent history into the {@link SentLedger},
 * then the ledger is asked. Only a provider that reports its sent history can say "not
 * sent"; for any other the outcome stays unknown, and the caller must not send again.
 */
@Component(service = SentTextFinder.class)
public final class SentTextFinder {

    /** What a look-up found. */
    public enum Outcome {
        /** The provider took the text: {@link Lookup#messageKey()} is its key. */
        SENT,
        /** The provider's sent history has no such text: it was never accepted. */
        NOT_SENT,
        /** The provider does not report its sent history: nobody can tell. */
        UNKNOWN,
        /** The provider could not be asked now: ask again later, send nothing. */
        UNREACHABLE
    }

    /** @param messageKey the key of the text found, when {@link Outcome#SENT} */
    public record Lookup(Outcome outcome, String messageKey) {
    }

    private final CredentialVault vault;
    private final ProviderRegistry providers;
    private final InboundPoller poller;
    private final SentLedger ledger;

    @Activate
    public SentTextFinder(@Reference CredentialVault vault, @Reference ProviderRegistry providers,
            @Reference InboundPoller poller, @Reference SentLedger ledger) {
        this.vault = vault;
        this.providers = providers;
        this.poller = poller;
        this.ledger = ledger;
    }

    /**
     * Reads the account's latest history from the provider, once before any number of
     * {@link #find} calls for it.
     *
     * @return false when the account is gone or the provider could not be asked: try later
     */
    public boolean refresh(String userId, String provider) {
        Optional<StoredCredential> account = vault.find(provider, userId);
        if (account.isPresent() && lookup(provider).isPresent()) {
            return true; // the provider declares its own look-up: no poll of the whole account
        }
        return account.isPresent() && poller.pollAccount(account.get());
    }

    private Optional<SentTextLookup> lookup(String provider) {
        return providers.find(provider).filter(SentTextLookup.class::isInstance).map(SentTextLookup.class::cast);
    }

    /** A text with this body from the user's account to {@code to} at or after {@code notBefore}. */
    public Lookup find(String userId, String provider, String to, String body, Instant notBefore) {
        Optional<StoredCredential> account = vault.find(provider, userId);
        Optional<SentTextLookup> lookup = lookup(provider);
        if (account.isPresent() && lookup.isPresent()) {
            try {
                return lookup.get().findSent(vault.unlock(account.get()), new OutboundText(to, body), notBefore)
                        .map(receipt -> new Lookup(Outcome.SENT, provider + ":" + receipt.providerMessageId()))
                        .orElse(new Lookup(Outcome.NOT_SENT, null));
            } catch (ProviderException | TextingException e) {
                return new Lookup(Outcome.UNREACHABLE, null);
            }
        }
        Optional<SentLedger.Entry> found = account.flatMap(a -> ledger.find(provider, a.phoneNumber(), to, body,
                notBefore));
        if (found.isPresent()) {
            return new Lookup(Outcome.SENT, found.get().messageKey());
        }
        return new Lookup(ledger.reportsSentHistory(provider) ? Outcome.NOT_SENT : Outcome.UNKNOWN, null);
    }
}
