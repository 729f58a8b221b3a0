package org.atstexting.host.reference.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.host.Attachment;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.h2.mvstore.Cursor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The reference host's employee and contact records and their attached texts.
 * {@link #findByPhone(String)} reads the phone index (one key lookup per call, however
 * many records there are); {@link ReferenceHostAdminImpl} keeps that index current.
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
        return Optional.ofNullable(Json.read(store.records().get(ref.toString()), HostRecord.class));
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
        List<HostRecord> result = new ArrayList<>();
        for (String key : Json.readSet(store.phoneIndex().get(number.get()))) {
            HostRecord record = Json.read(store.records().get(key), HostRecord.class);
            // reads are not isolated from a write in progress: check the record still has the number
            if (record != null && number.get().equals(record.phoneNumber())) {
                result.add(record);
            }
        }
        return List.copyOf(result);
    }

    @Override
    public boolean attach(RecordRef ref, TextMessage message) {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(message, "message");
        return store.write(() -> {
            if (!store.records().containsKey(ref.toString())) {
                return false;
            }
            String key = attachmentKey(ref, message);
            TextMessage existing = Json.read(store.attachments().get(key), TextMessage.class);
            if (existing == null) {
                store.attachments().put(key, Json.write(message));
            } else if (existing.status().canMoveTo(message.status())) {
                // the same text again: only its delivery status (and why it failed) may move on. The archive
                // already hands over forward moves only (HostRecords.attach); this check is not needed for that,
                // it keeps the attached body as first written
                store.attachments().put(key, Json.write(existing.withStatus(message.status(), message.failure())));
            }
            return true;
        });
    }

    /** One write, so one commit, for the whole list. */
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

    @Override
    public List<TextMessage> messages(RecordRef ref) {
        if (ref == null || !store.records().containsKey(ref.toString())) {
            return List.of();
        }
        String prefix = attachmentPrefix(ref);
        List<TextMessage> result = new ArrayList<>();
        Cursor<String, String> cursor = store.attachments().cursor(prefix);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            result.add(Json.read(cursor.getValue(), TextMessage.class));
        }
        result.sort(OLDEST_FIRST);
        return List.copyOf(result);
    }

    /** Where one record's texts start in the attachments map. */
    static String attachmentPrefix(RecordRef ref) {
        return ref + "\u0000";
    }

    static String attachmentKey(RecordRef ref, TextMessage message) {
        return attachmentPrefix(ref) + message.key();
    }
}
