package org.atstexting.texting;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Texts many records at once, in the background. A job is checked and stored completely
 * before the first text goes out: every record's number is normalised and deduplicated,
 * records without a valid number or opted out are skipped with a reason, a template is
 * filled in for every record (a missing merge field refuses the whole job). Then the job
 * sends at the configured rate, waits outside quiet hours at the recipient's local time,
 * and survives a restart without texting anyone twice. Progress is announced on
 * EventAdmin ({@link BulkEvents}).
 */
@ProviderType
public interface BulkTextingService {

    /**
     * Checks and stores a job, then starts sending. Needs "Can Text" and the user's own
     * credentials.
     *
     * @throws MissingMergeFieldException if a template field has no value for a record or the sender
     * @throws TextingException           if the user may not text or has no credentials, the
     *                                    template is unknown, or no record is given
     */
    BulkJob start(BulkRequest request) throws TextingException;

    /** A job. Its owner or an admin. @throws TextingException RECORD_NOT_FOUND for an unknown job */
    BulkJob job(String actingUserId, String jobId) throws TextingException;

    /** The acting user's jobs (every job for an admin), newest first. */
    List<BulkJob> jobs(String actingUserId) throws TextingException;

    /** The recipients of a job, in order, with what happened to each. Its owner or an admin. */
    List<BulkRecipient> recipients(String actingUserId, String jobId) throws TextingException;

    /** Stops a job; recipients not yet texted stay pending. Its owner or an admin. */
    BulkJob cancel(String actingUserId, String jobId) throws TextingException;
}
