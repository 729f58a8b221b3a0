package org.atstexting.texting.host;

import java.util.List;
import java.util.Optional;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The host's employee and contact records, and the texts attached to them.
 *
 * <p>Performance: {@link #findByPhone(String)} is called for every text sent to a number
 * and every text received, so a host must answer it from an index keyed by the E.164
 * number (not by scanning records), and keep that index current when a record's number
 * changes or a record is deleted.
 */
@ConsumerType
public interface HostRecords {

    /** The record, or empty if it does not exist (or was deleted). */
    Optional<HostRecord> record(RecordRef ref);

    /** Every employee and contact record whose number is {@code e164}; empty if none. */
    List<HostRecord> findByPhone(String e164);

    /**
     * Attaches a text to a record. Idempotent: a message with the same
     * {@link TextMessage#key()} is attached once; attaching it again replaces the attached
     * copy's delivery status and failure reason with the ones given.
     *
     * <p>A host keeps no status ordering of its own: the archive applies it
     * ({@link org.atstexting.texting.DeliveryStatus#canMoveTo}) before it calls and hands a
     * text over again only when its status moved forward, so replacing is always right. (A
     * host that also refuses backward moves does no harm.)
     *
     * @return {@code false} if the record does not exist
     */
    boolean attach(RecordRef ref, TextMessage message);

    /**
     * Attaches several texts with the same rules as {@link #attach}. The archive hands a
     * poll's page of texts over this way; a host should make it one transaction (one
     * commit), which is what keeps archiving fast as traffic grows. The default attaches
     * one by one.
     *
     * @return for each attachment, in order, whether its record exists
     */
    default List<Boolean> attachAll(List<Attachment> attachments) {
        List<Boolean> attached = new java.util.ArrayList<>(attachments.size());
        for (Attachment attachment : attachments) {
            attached.add(attach(attachment.ref(), attachment.message()));
        }
        return attached;
    }

    /** The texts attached to a record, oldest first; empty if the record does not exist. */
    List<TextMessage> messages(RecordRef ref);
}
