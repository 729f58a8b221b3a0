package org.atstexting.texting.core.internal;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.Direction;
import org.atstexting.texting.MessageArchive;
import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
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
 * notes it in the {@link SentLedger}, archives it and announces it. A provider refusal that
 * says the recipient opted out is recorded as an opt-out.
 */
@Component(service = OutboundSender.class)
public final class OutboundSender {

    private static final Logger LOG = Logger.getLogger(OutboundSender.class.getName());

    private final CredentialVault vault;
    private final ProviderRegistry providers;
    private final MessageArchive archive;
    private final MessageEventPublisher events;
    private final SentLedger ledger;
    private final OptOutRegistry optOuts;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public OutboundSender(@Reference CredentialVault vault, @Reference ProviderRegistry providers,
            @Reference MessageArchive archive, @Reference MessageEventPublisher events, @Reference SentLedger ledger,
            @Reference OptOutRegistry optOuts) {
        this.vault = vault;
        this.providers = providers;
        this.archive = archive;
        this.events = events;
        this.ledger = ledger;
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
    TextMessage send(StoredCredential account, String userId, String to, String body, RecordRef origin)
            throws TextingException {
        TextingProvider provider = providers.require(account.provider());
        ProviderCredentials credentials = vault.unlock(account);
        ProviderReceipt receipt;
        try {
            receipt = provider.send(credentials, new OutboundText(to, body));
        } catch (ProviderException e) {
            events.sendFailed(account.provider(), userId, to, e.getMessage());
            if (e.kind() == ProviderException.Kind.REJECTED && OptOutKeywords.isProviderOptOut(e.getMessage())) {
                optOuts.record(new OptOutEvent(to, OptOutEvent.Kind.OPT_OUT, clock.instant(), e.getMessage(),
                        OptOutEvent.PROVIDER, null, userId));
                throw optOuts.refusal(to);
            }
            throw ProviderFailures.toTextingException(account.provider(), e);
        }
        TextMessage sent = new TextMessage(account.provider(), receipt.providerMessageId(), Direction.OUTBOUND,
                account.phoneNumber(), to, body, receipt.acceptedAt(), userId, receipt.status());
        ledger.record(account.provider(), account.phoneNumber(), to, receipt.providerMessageId(), body,
                receipt.acceptedAt());
        try {
            archive.archive(sent, origin);
        } catch (RuntimeException e) {
            // the text is out and must not be sent again: report it, do not fail the send
            LOG.log(Level.WARNING, "Sent " + sent.key() + " but could not archive it", e);
        }
        events.sent(sent);
        return sent;
    }
}
