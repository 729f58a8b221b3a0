package org.atstexting.texting.core.internal.sending;

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
import org.osgi.service.component.annotations.Reference;

/**
 * Sends a text for a user: checks "Can Text", validates the input, uses the user's own
 * credentials with the provider they name, then archives what was sent. Everything that
 * can refuse the call does so before the provider is contacted; a number that opted out is
 * refused ({@link Reason#OPTED_OUT}). Single texts are sent at once, also in quiet hours:
 * a recruiter texting one candidate decides the time themselves.
 */
@Component(service = { TextingService.class, DefaultTextingService.class })
public final class DefaultTextingService implements TextingService {

    private final PermissionGuard guard;
    private final MessageArchive archive;
    private final HostRecords records;
    private final SendGate gate;
    private final OutboundSender sender;

    @Activate
    public DefaultTextingService(@Reference TextingPermissions permissions, @Reference MessageArchive archive,
            @Reference HostRecords records, @Reference SendGate gate, @Reference OutboundSender sender) {
        this.guard = new PermissionGuard(permissions);
        this.archive = archive;
        this.records = records;
        this.gate = gate;
        this.sender = sender;
    }

    @Override
    public TextMessage send(SendRequest request) throws TextingException {
        String user = request.actingUserId();
        // the gate's order (permission, body, recipient, opt-out, credentials): the record is
        // looked up only for a user who may text, and only with a body worth sending
        gate.requireCanText(user);
        String body = gate.checkBody(request.body());
        String to = recipient(request);
        return gate.clear(user, request.provider(), to, body).send(request.record());
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

    public String checkBody(String body) throws TextingException {
        return gate.checkBody(body);
    }

    String recipient(SendRequest request) throws TextingException {
        if (request.record() == null) {
            return gate.toE164(request.to());
        }
        HostRecord record = records.record(request.record()).orElseThrow(() -> new TextingException(
                Reason.RECORD_NOT_FOUND, "There is no record " + request.record()));
        if (record.phoneNumber() == null) {
            throw new TextingException(Reason.INVALID_INPUT, record.displayName() + " (" + record.ref()
                    + ") has no phone number to text");
        }
        String number = gate.toE164(record.phoneNumber());
        // A text is filed on the record it names: sending it to another number would put a
        // stranger's conversation on this record, so a 'to' must be the record's own number.
        if (request.to() != null && !gate.toE164(request.to()).equals(number)) {
            throw new TextingException(Reason.INVALID_INPUT, "The number " + request.to()
                    + " is not the number of " + record.displayName() + " (" + record.ref()
                    + "); give the record or the number, not both");
        }
        return number;
    }
}
