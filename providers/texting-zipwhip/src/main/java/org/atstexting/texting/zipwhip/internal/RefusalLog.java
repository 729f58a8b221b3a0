package org.atstexting.texting.zipwhip.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs refused calls (or any repeated complaint) without letting an unauthenticated caller
 * flood the log: the first of each minute at WARNING (with how many were left at FINE since the last one),
 * the others at FINE. Callers pass sanitised text only ({@link LogText}).
 */
final class RefusalLog {

    static final long WINDOW_MILLIS = 60_000;

    private final Logger log;
    private final String prefix;
    private long windowStart = Long.MIN_VALUE;
    private int suppressed;

    RefusalLog(Logger log, String prefix) {
        this.log = log;
        this.prefix = prefix;
    }

    void refused(String what) {
        long now = System.currentTimeMillis();
        int before;
        synchronized (this) {
            if (windowStart != Long.MIN_VALUE && now - windowStart < WINDOW_MILLIS) {
                suppressed++;
                before = -1;
            } else {
                before = suppressed;
                suppressed = 0;
                windowStart = now;
            }
        }
        if (before < 0) {
            log.fine(() -> prefix + what);
        } else if (log.isLoggable(Level.WARNING)) {
            log.warning(prefix + what + (before == 0 ? "" : " (" + before + " more refused in the minute before, "
                    + "logged at FINE)"));
        }
    }
}
