package org.atstexting.texting.textus.internal;

import java.util.logging.Logger;

/**
 * Logs refused webhook calls without letting an unauthenticated caller flood the log: the
 * first refusal of each minute at WARNING, the others at FINE. Callers pass fixed text only
 * (nothing from the request).
 */
final class RefusalLog {

    static final long WINDOW_MILLIS = 60_000;

    private final Logger log;
    private long windowStart = Long.MIN_VALUE;

    RefusalLog(Logger log) {
        this.log = log;
    }

    void refused(String what) {
        long now = System.currentTimeMillis();
        boolean loud;
        synchronized (this) {
            loud = windowStart == Long.MIN_VALUE || now - windowStart >= WINDOW_MILLIS;
            if (loud) {
                windowStart = now;
            }
        }
        if (loud) {
            log.warning("Refused a TextUs webhook call: " + what + " (further refusals this minute at FINE)");
        } else {
            log.fine(() -> "Refused a TextUs webhook call: " + what);
        }
    }
}
