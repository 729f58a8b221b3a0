package org.atstexting.texting.archive.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import org.atstexting.texting.Direction;
import org.atstexting.texting.MessageArchive;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Attaches texts to host records: an outbound text sent from a record to that record,
 * every other text to each record whose number matches the other party. The host makes
 * attaching idempotent, so archiving the same message again is harmless.
 */
@Component(service = MessageArchive.class)
public final class RecordMessageArchive implements MessageArchive {

    private static final Logger LOG = Logger.getLogger(RecordMessageArchive.class.getName());

    private final HostRecords records;
    private final List<TextMessage> unmatched = new CopyOnWriteArrayList<>();

    @Activate
    public RecordMessageArchive(@Reference HostRecords records) {
        this.records = records;
    }

    @Override
    public List<RecordRef> archive(TextMessage message, RecordRef origin) {
        List<RecordRef> targets = targets(message, origin);
        List<RecordRef> attached = new ArrayList<>(targets.size());
        for (RecordRef ref : targets) {
            if (records.attach(ref, message)) {
                attached.add(ref);
            }
        }
        if (attached.isEmpty()) {
            keepUnmatched(message);
        }
        return attached;
    }

    private List<RecordRef> targets(TextMessage message, RecordRef origin) {
        if (origin != null && message.direction() == Direction.OUTBOUND) {
            return List.of(origin);
        }
        return records.findByPhone(message.counterpart()).stream().map(HostRecord::ref).toList();
    }

    private void keepUnmatched(TextMessage message) {
        boolean known = unmatched.stream().anyMatch(m -> m.key().equals(message.key()));
        if (!known) {
            unmatched.add(message);
            LOG.info(() -> "No record has number " + message.counterpart() + "; kept message "
                    + message.key() + " as unmatched");
        }
    }

    @Override
    public List<TextMessage> unmatched() {
        return List.copyOf(unmatched);
    }
}
