package org.atstexting.texting;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A recruiter's inbox: the replies that reached her own account, newest first, and which of
 * them she has read. Kept in the database every node shares, so a recruiter behind a load
 * balancer sees the same inbox on every node, and a reply read on one node is read on all.
 * Each user's inbox holds the newest {@value #MAX_PER_USER} replies; older ones leave the
 * inbox (never their records).
 *
 * <p>Every call needs the "View Text Messages" message action.
 *
 * @since 2.1
 */
@ProviderType
public interface InboxService {

    /** The most replies an inbox keeps per user; the oldest go first. */
    int MAX_PER_USER = 500;

    /** The acting user's replies, newest first, at most {@value #MAX_PER_USER}. */
    List<InboxEntry> inbox(String actingUserId) throws TextingException;

    /**
     * Marks a reply in the acting user's inbox as read (again: no change).
     *
     * @return whether the text is in the acting user's inbox
     */
    boolean markRead(String actingUserId, String messageKey) throws TextingException;
}
