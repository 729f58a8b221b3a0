package org.atstexting.texting;

/**
 * Where a text is in its delivery. A status only moves forward: {@link #QUEUED} before
 * {@link #SENT} before {@link #DELIVERED}; {@link #FAILED} ends it. Inbound texts are
 * {@link #RECEIVED}.
 */
public enum DeliveryStatus {
    QUEUED(0),
    SENT(1),
    DELIVERED(2),
    FAILED(2),
    RECEIVED(2);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    /** Whether moving from this status to {@code next} goes forward (a late update never wins). */
    public boolean canMoveTo(DeliveryStatus next) {
        return next.rank > rank;
    }
}
