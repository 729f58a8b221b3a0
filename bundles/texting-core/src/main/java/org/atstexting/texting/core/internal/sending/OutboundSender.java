package org.atstexting.texting.core.internal.sending;

import java.time.Clock;

import org.atstexting.texting.Direction;
import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.core.internal.archiving.OutboundArchiver;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.core.internal.optout.OptOutKeywords;
import org.atstexting.texting.core.internal.optout.OptOutRegistry;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The last step of every send path (single, template, bulk, automatic replies), after the
 * caller made its checks: hands the text to the provider with the account's credentials,
 * has it archived ({@link OutboundArchiver}) and announces it. A provider refusal that
 * says the recipient opted out is recorded as an opt-out.
 */
@Component(service = OutboundSender.class)
public final class OutboundSender {

    private final CredentialVault vault;
    private final ProviderRegistry providers;
    private final OutboundArchiver archiver;
    private final MessageEventPublisher events;
    private final OptOutRegistry optOuts;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public OutboundSender(@Reference CredentialVault vault, @Reference ProviderRegistry providers,
            @Reference OutboundArchiver archiver, @Reference MessageEventPublisher events,
            @Reference OptOutRegistry optOuts) {
        this.vault = vault;
        this.providers = providers;
        this.archiver = archiver;
        this.events = events;
        this.optOuts = optOuts;
    }

    /**
     * Sends a text from an account.
     *
     * @param account the credentials to send with
     * @param userId  the user the text is attributed to ({@code null} for the system account)
     * @param to      E.164, already checked
     * @param origin  the record it is sent from, or {@code null}
     */
    public TextMessage send(StoredCredential account, String userId, String to, String body, RecordRef origin)
            throws TextingException {
        TextingProvider provider = providers.require(account.provider());
        ProviderCredentials credentials = vault.unlock(account);
        ProviderReceipt receipt;
        try {
            receipt = provider.send(credentials, new OutboundText(to, body));
        } catch (ProviderException e) {
            events.sendFailed(account.provider(), userId, to, e.getMessage(), e.failure().orElse(null));
            // the kind, since SPI 1.3; the text search stays for providers that do not say so yet
            if (e.kind() == ProviderException.Kind.OPTED_OUT || e.kind() == ProviderException.Kind.REJECTED
                    && OptOutKeywords.isProviderOptOut(e.getMessage())) {
                optOuts.record(new OptOutEvent(to, OptOutEvent.Kind.OPT_OUT, clock.instant(), e.getMessage(),
                        OptOutEvent.PROVIDER, null, userId));
                throw optOuts.refusal(to);
            }
            throw ProviderFailures.toTextingException(account.provider(), e);
        }
        TextMessage sent = new TextMessage(account.provider(), receipt.providerMessageId(), Direction.OUTBOUND,
                account.phoneNumber(), to, body, receipt.acceptedAt(), userId, receipt.status());
        archiver.archive(sent, origin);
        events.sent(sent);
        return sent;
    }

    /** Waits until the texts sent so far are archived: readers of a conversation see what was just sent. */
    void awaitArchived() {
        archiver.awaitArchived();
    }
}
