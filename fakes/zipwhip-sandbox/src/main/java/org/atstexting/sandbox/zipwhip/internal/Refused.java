package org.atstexting.sandbox.zipwhip.internal;

/** Thrown inside an API method to answer HTTP 200, {@code success:false} and a plain text. */
final class Refused extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean unauthenticated;

    Refused(String text) {
        this(text, false);
    }

    private Refused(String text, boolean unauthenticated) {
        super(text, null, false, false);
        this.unauthenticated = unauthenticated;
    }

    /** The call named no live session (or bad credentials): the call log keeps less of it. */
    static Refused unauthenticated(String text) {
        return new Refused(text, true);
    }

    boolean isUnauthenticated() {
        return unauthenticated;
    }
}
