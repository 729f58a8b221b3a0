package org.atstexting.texting.core.internal;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.Direction;
import org.atstexting.texting.MessageArchive;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SegmentCount;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.component.annotations.Reference;

/**
 * Sends a text for a user: checks "Can Text", validates the input, uses the user's own
 * credentials with the provider they name, then archives what was sent. Everything that
 * can refuse the call does so before the provider is contacted.
 */
@Component(service = TextingService.class, configurationPid = CoreConfiguration.PID)
@Designate(ocd = CoreConfiguration.class)
public final class DefaultTextingService implements TextingService {

    private static final Logger LOG = Logger.getLogger(DefaultTextingService.class.getName());

    private final PermissionGuard guard;
    private final CredentialVault vault;
    private final ProviderRegistry providers;
    private final MessageArchive archive;
    private final MessageEventPublisher events;
    private final HostRecords records;
    private final PhoneNumbers phoneNumbers;
    private final int maxBodyLength;

    @Activate
    public DefaultTextingService(@Reference TextingPermissions permissions, @Reference CredentialVault vault,
            @Reference ProviderRegistry providers, @Reference MessageArchive archive, @Reference HostRecords records,
            @Reference MessageEventPublisher events, CoreConfiguration config) {
        this.guard = new PermissionGuard(permissions);
        this.vault = vault;
        this.providers = providers;
        this.archive = archive;
        this.events = events;
        this.records = records;
        this.phoneNumbers = new PhoneNumbers(config.defaultRegion());
        this.maxBodyLength = config.maxBodyLength();
    }

    @Override
    public TextMessage send(SendRequest request) throws TextingException {
        String user = request.actingUserId();
        guard.requireCanText(user);
        String body = checkBody(request.body());
        String to = recipient(request);
        StoredCredential stored = credentialsFor(user, request.provider());
        TextingProvider provider = providers.require(stored.provider());
        ProviderCredentials credentials = vault.unlock(stored);

        ProviderReceipt receipt;
        try {
            receipt = provider.send(credentials, new OutboundText(to, body));
        } catch (ProviderException e) {
            events.sendFailed(stored.provider(), user, to, e.getMessage());
            throw ProviderFailures.toTextingException(stored.provider(), e);
        }
        TextMessage sent = new TextMessage(stored.provider(), receipt.providerMessageId(), Direction.OUTBOUND,
                stored.phoneNumber(), to, body, receipt.acceptedAt(), user, receipt.status());
        archive(sent, request.record());
        events.sent(sent);
        return sent;
    }

    @Override
    public List<TextMessage> messages(String actingUserId, RecordRef record) throws TextingException {
        guard.requireViewMessages(actingUserId);
        if (records.record(record).isEmpty()) {
            throw new TextingException(Reason.RECORD_NOT_FOUND, "There is no record " + record);
        }
        return records.messages(record);
    }

    @Override
    public SegmentCount preview(String actingUserId, String body) throws TextingException {
        guard.requireCanText(actingUserId);
        return SegmentCount.of(checkBody(body));
    }

    @Override
    public List<TextMessage> unmatched(String actingUserId) throws TextingException {
        guard.requireAdmin(actingUserId);
        return archive.unmatched();
    }

    @Override
    public void assignUnmatched(String actingUserId, String messageKey, RecordRef record) throws TextingException {
        guard.requireAdmin(actingUserId);
        if (records.record(record).isEmpty()) {
            throw new TextingException(Reason.RECORD_NOT_FOUND, "There is no record " + record);
        }
        if (!archive.assign(messageKey, record)) {
            throw new TextingException(Reason.RECORD_NOT_FOUND, "No unmatched text has the key " + messageKey);
        }
    }

    private String checkBody(String body) throws TextingException {
        if (body == null || body.isBlank()) {
            throw new TextingException(Reason.INVALID_INPUT, "A text needs a message; the body is empty");
        }
        if (body.length() > maxBodyLength) {
            throw new TextingException(Reason.INVALID_INPUT, "The message has " + body.length()
                    + " characters; at most " + maxBodyLength + " are allowed");
        }
        return body;
    }

    private String recipient(SendRequest request) throws TextingException {
        if (request.record() == null) {
            return phoneNumbers.toE164(request.to());
        }
        HostRecord record = records.record(request.record()).orElseThrow(() -> new TextingException(
                Reason.RECORD_NOT_FOUND, "There is no record " + request.record()));
        if (record.phoneNumber() == null) {
            throw new TextingException(Reason.INVALID_INPUT, record.displayName() + " (" + record.ref()
                    + ") has no phone number to text");
        }
        return phoneNumbers.toE164(request.to() != null ? request.to() : record.phoneNumber());
    }

    private StoredCredential credentialsFor(String user, String provider) throws TextingException {
        if (provider != null) {
            return vault.find(provider, user).orElseThrow(() -> new TextingException(Reason.NO_CREDENTIALS,
                    "User '" + user + "' has no " + provider + " credentials; add them under User Settings > Texting"));
        }
        List<StoredCredential> own = vault.all().stream().filter(c -> user.equals(c.ownerUserId())).toList();
        if (own.size() == 1) {
            return own.get(0);
        }
        throw new TextingException(Reason.NO_CREDENTIALS, own.isEmpty()
                ? "User '" + user + "' has no texting credentials; add them under User Settings > Texting"
                : "User '" + user + "' has credentials for several providers; name the provider to send through");
    }

    private void archive(TextMessage sent, RecordRef origin) {
        try {
            archive.archive(sent, origin);
        } catch (RuntimeException e) {
            // the text is out and must not be sent again: report it, do not fail the send
            LOG.log(Level.WARNING, "Sent " + sent.key() + " but could not archive it", e);
        }
    }
}
