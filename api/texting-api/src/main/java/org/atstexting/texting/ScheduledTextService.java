package org.atstexting.texting;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Texts and bulk jobs to go at a later time (since 2.0). A scheduled item is stored at once
 * and sent once, by whichever node holds it when its time comes, with the same checks as a
 * text sent then (permission, opt-out, credentials); a bulk job then runs as any bulk job,
 * in quiet hours too, and a single text due in quiet hours waits for the recipient's window
 * to open. Until it goes, it can be listed and cancelled. Every call names the acting user:
 * users see and cancel their own items, admins everyone's.
 */
@ProviderType
public interface ScheduledTextService {

    /** Stores a text or bulk job for its time; the request is checked now as far as it can be (permission, body). */
    ScheduledText schedule(ScheduleRequest request) throws TextingException;

    /** The acting user's scheduled items (an admin's: everyone's), the next to go first. */
    List<ScheduledText> scheduled(String actingUserId) throws TextingException;

    /** Cancels an item that has not gone yet; refused with {@link TextingException.Reason#INVALID_INPUT} after. */
    ScheduledText cancel(String actingUserId, String id) throws TextingException;
}
