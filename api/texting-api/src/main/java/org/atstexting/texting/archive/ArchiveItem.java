package org.atstexting.texting.archive;

import java.util.Objects;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;

/** One item of a batch for {@link MessageArchive#archive}: a text, or news about an archived one. */
public sealed interface ArchiveItem permits ArchiveItem.Text, ArchiveItem.Status {

    /** The {@link TextMessage#key()} of the text the item is about. */
    String messageKey();

    /**
     * A text that was sent or received.
     *
     * @param message the text
     * @param origin  the record an outbound text was sent from, or {@code null}: the text then
     *                goes on every record whose number matches the other party
     */
    record Text(TextMessage message, RecordRef origin) implements ArchiveItem {

        public Text {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String messageKey() {
            return message.key();
        }
    }

    /**
     * A provider's news about a text it sent: its status moved (a backward move is ignored).
     *
     * @param messageKey the {@link TextMessage#key()} of the text
     * @param status     the new status
     * @param failure    why it failed, for {@link DeliveryStatus#FAILED}; {@code null} if the provider gave no reason
     */
    record Status(String messageKey, DeliveryStatus status, DeliveryFailure failure) implements ArchiveItem {

        public Status {
            Objects.requireNonNull(messageKey, "messageKey");
            Objects.requireNonNull(status, "status");
        }
    }

    /** A text to archive. */
    static ArchiveItem text(TextMessage message, RecordRef origin) {
        return new Text(message, origin);
    }

    /** News about an archived text. */
    static ArchiveItem status(String messageKey, DeliveryStatus status, DeliveryFailure failure) {
        return new Status(messageKey, status, failure);
    }
}
