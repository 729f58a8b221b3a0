package org.atstexting.texting.core.internal;

import java.util.List;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SegmentCount;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.component.annotations.Reference;

/**
 * Sends a text for a user: checks "Can Text", validates the input, uses the user's own
 * credentials with the provider they name, then archives what was sent. Everything that
 * can refuse the call does so before the provider is contacted; a number that opted out is
 * refused ({@link Reason#OPTED_OUT}). Single texts are sent at once, also in quiet hours:
 * a recruiter texting one candidate decides the time themselves.
 */
@Component(service = { TextingService.class, DefaultTextingService.class }, configurationPid = CoreConfiguration.PID)
@Designate(ocd = CoreConfiguration.class)
public final class DefaultTextingService implements TextingService {

    private final PermissionGuard guard;
    private final CredentialVault vault;
    private final MessageArchive archive;
    private final HostRecords records;
    private final OptOutRegistry optOuts;
    private final OutboundSender sender;
    private final PhoneNumbers phoneNumbers;
    private final int maxBodyLength;

    @Activate
    public DefaultTextingService(@Reference TextingPermissions permissions, @Reference CredentialVault vault,
            @Reference MessageArchive archive, @Reference HostRecords records, @Reference OptOutRegistry optOuts,
            @Reference OutboundSender sender, CoreConfiguration config) {
        this.guard = new PermissionGuard(permissions);
        this.vault = vault;
        this.archive = archive;
        this.records = records;
        this.optOuts = optOuts;
        this.sender = sender;
        this.phoneNumbers = new PhoneNumbers(config.defaultRegion());
        this.maxBodyLength = config.maxBodyLength();
    }

    @Override
    public TextMessage send(SendRequest request) throws TextingException {
        String user = request.actingUserId();
        guard.requireCanText(user);
        String body = checkBody(request.body());
        String to = recipient(request);
        optOuts.requireNotOptedOut(to);
        StoredCredential stored = credentialsFor(vault, user, request.provider());
        return sender.send(stored, user, to, body, request.record());
    }

    @Override
    public List<TextMessage> messages(String actingUserId, RecordRef record) throws TextingException {
        guard.requireViewMessages(actingUserId);
        if (records.record(record).isEmpty()) {
            throw new TextingException(Reason.RECORD_NOT_FOUND, "There is no record " + record);
        }
        sender.awaitArchived(); // a recruiter who just sent a text sees it in the conversation
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

    String checkBody(String body) throws TextingException {
        if (body == null || body.isBlank()) {
            throw new TextingException(Reason.INVALID_INPUT, "A text needs a message; the body is empty");
        }
        if (body.length() > maxBodyLength) {
            throw new TextingException(Reason.INVALID_INPUT, "The message has " + body.length()
                    + " characters; at most " + maxBodyLength + " are allowed");
        }
        return body;
    }

    String recipient(SendRequest request) throws TextingException {
        if (request.record() == null) {
            return phoneNumbers.toE164(request.to());
        }
        HostRecord record = records.record(request.record()).orElseThrow(() -> new TextingException(
                Reason.RECORD_NOT_FOUND, "There is no record " + request.record()));
        if (record.phoneNumber() == null) {
            throw new TextingException(Reason.INVALID_INPUT, record.displayName() + " (" + record.ref()
                    + ") has no phone number to text");
        }
        String number = phoneNumbers.toE164(record.phoneNumber());
        // A text is filed on the record it names: sending it to another number would put a
        // stranger's conversation on this record, so a 'to' must be the record's own number.
        if (request.to() != null && !phoneNumbers.toE164(request.to()).equals(number)) {
            throw new TextingException(Reason.INVALID_INPUT, "The number " + request.to()
                    + " is not the number of " + record.displayName() + " (" + record.ref()
                    + "); give the record or the number, not both");
        }
        return number;
    }

    /** The user's own credentials for the provider, or for their only provider when none is named. */
    static StoredCredential credentialsFor(CredentialVault vault, String user, String provider)
            throws TextingException {
        if (provider != null) {
            return vault.find(provider, user).orElseThrow(() -> new TextingException(Reason.NO_CREDENTIALS,
                    "User '" + user + "' has no " + provider + " credentials; add them under User Settings > Texting"));
        }
        List<StoredCredential> own = vault.ownedBy(user);
        if (own.size() == 1) {
            return own.get(0);
        }
        throw new TextingException(Reason.NO_CREDENTIALS, own.isEmpty()
                ? "User '" + user + "' has no texting credentials; add them under User Settings > Texting"
                : "User '" + user + "' has credentials for several providers; name the provider to send through");
    }

}
