package org.atstexting.texting;

import java.time.Instant;
import java.util.Objects;

/**
 * One reply in a recruiter's inbox.
 *
 * @param messageKey the reply's {@link TextMessage#key()} (the text itself is in the archive)
 * @param receivedAt when the reply came in
 * @param unread     whether the recruiter has not read it yet
 * @since 2.1
 */
public record InboxEntry(String messageKey, Instant receivedAt, boolean unread) {

    public InboxEntry {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
