package org.atstexting.texting;

/**
 * A template names a merge field that has no value for a record or sender: nothing was
 * sent (a candidate never gets a text with a blank where their name should be). The
 * reason is {@link TextingException.Reason#INVALID_INPUT}.
 */
public class MissingMergeFieldException extends TextingException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final transient RecordRef record;

    public MissingMergeFieldException(String field, RecordRef record, String message) {
        super(Reason.INVALID_INPUT, message);
        this.field = field;
        this.record = record;
    }

    /** The merge field without a value, e.g. {@code firstName}. */
    public String field() {
        return field;
    }

    /** The record it has no value for, or {@code null} when the sender lacks it. */
    public RecordRef record() {
        return record;
    }
}
