package org.atstexting.texting;

/**
 * The EventAdmin topics on which bulk jobs announce their progress. Subscribe with
 * {@code event.topics=org/atstexting/bulk/*}.
 */
public final class BulkEvents {

    /** A job was stored and starts sending. */
    public static final String STARTED = "org/atstexting/bulk/STARTED";
    /** A recipient was handled: sent, skipped or failed (property {@link #RECIPIENT_STATE}). */
    public static final String RECIPIENT = "org/atstexting/bulk/RECIPIENT";
    /** A job waits for quiet hours to end (property {@link #WAITING_UNTIL}). */
    public static final String WAITING = "org/atstexting/bulk/WAITING";
    /** Every recipient of a job is handled. */
    public static final String FINISHED = "org/atstexting/bulk/FINISHED";
    /** A job was cancelled. */
    public static final String CANCELLED = "org/atstexting/bulk/CANCELLED";

    /** Property: the job id (String). */
    public static final String JOB_ID = "job.id";
    /** Property: the user who started it (String). */
    public static final String USER_ID = "user.id";
    /** Property: recipients in the job (Integer). */
    public static final String TOTAL = "total";
    /** Property: recipients sent so far (Integer). */
    public static final String SENT = "sent";
    /** Property: recipients skipped so far (Integer). */
    public static final String SKIPPED = "skipped";
    /** Property: recipients failed so far (Integer). */
    public static final String FAILED = "failed";
    /** Property: recipients pending (Integer). */
    public static final String PENDING = "pending";
    /** Property: the recipient's record, {@code type:id} (String). */
    public static final String RECORD = "record";
    /** Property: the recipient's {@link BulkRecipient.State} name (String). */
    public static final String RECIPIENT_STATE = "recipient.state";
    /** Property: why a recipient was skipped or failed (String). */
    public static final String REASON = "reason";
    /** Property: the text's {@link TextMessage#key()} (String), when sent. */
    public static final String MESSAGE_KEY = "message.key";
    /** Property: ISO-8601 instant the job waits until (String). */
    public static final String WAITING_UNTIL = "waiting.until";

    private BulkEvents() {
    }
}
