package org.atstexting.host.reference.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.host.Attachment;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The reference host's employee and contact records and their attached texts.
 * {@link #findByPhone(String)} reads the phone index (the index on {@code host_record.phone_number}:
 * one look-up per call, however many records there are).
 */
@Component(service = HostRecords.class)
public final class ReferenceRecords implements HostRecords {

    private static final Comparator<TextMessage> OLDEST_FIRST =
            Comparator.comparing(TextMessage::timestamp).thenComparing(TextMessage::key);

    private final HostStore store;

    @Activate
    public ReferenceRecords(@Reference HostStore store) {
        this.store = store;
    }

    @Override
    public Optional<HostRecord> record(RecordRef ref) {
        if (ref == null) {
            return Optional.empty();
        }
        return store.read(c -> RecordRows.get(c, ref));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The number is normalised first, so {@code (206) 555-0123} finds the same records
     * as {@code +12065550123}; a blank or invalid number matches nothing.
     */
    @Override
    public List<HostRecord> findByPhone(String e164) {
        Optional<String> number = PhoneNumbers.tryE164(e164);
        if (number.isEmpty()) {
            return List.of();
        }
        return List.copyOf(store.read(c -> RecordRows.withNumber(c, number.get())));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Once per record, provider and provider message id, whichever node attaches it: the row's
     * unique key decides, so the same text arriving through two nodes at once is stored once.
     */
    @Override
    public boolean attach(RecordRef ref, TextMessage message) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(message, "message");
        return store.write(c -> {
            if (!RecordRows.exists(c, ref)) {
                return false;
            }
            if (!AttachmentRows.insert(c, ref, message)) {
                // the same text again: only its delivery status (and why it failed) may move on. The archive
                // already hands over forward moves only (HostRecords.attach); this check is not needed for that,
                // it keeps the attached body as first written
                Optional<DeliveryStatus> now = AttachmentRows.lockStatus(c, ref, message);
                if (now.isPresent() && now.get().canMoveTo(message.status())) {
                    AttachmentRows.updateStatus(c, ref, message);
                }
            }
            return true;
        });
    }

    /** One transaction, so one commit, for the whole list. */
    @Override
    public List<Boolean> attachAll(List<Attachment> attachments) {
        return store.write(() -> {
            List<Boolean> attached = new ArrayList<>(attachments.size());
            for (Attachment attachment : attachments) {
                attached.add(attach(attachment.ref(), attachment.message()));
            }
            return attached;
        });
    }

    /** The record's texts, read from the database at every call, oldest first. */
    @Override
    public List<TextMessage> messages(RecordRef ref) {
        if (ref == null) {
            return List.of();
        }
        List<TextMessage> result = new ArrayList<>(store.read(c -> AttachmentRows.of(c, ref)));
        result.sort(OLDEST_FIRST);
        return List.copyOf(result);
    }
}
