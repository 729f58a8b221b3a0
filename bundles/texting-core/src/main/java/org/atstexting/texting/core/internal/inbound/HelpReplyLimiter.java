package org.atstexting.texting.core.internal.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * At most one help reply per number within an interval: a phone (or a person) that texts
 * HELP in a loop would otherwise make the account answer without end. Kept in memory: after
 * a restart a number may get one reply early, which is harmless.
 */
final class HelpReplyLimiter {

    /** Above this many remembered numbers, those outside the interval are forgotten. */
    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Instant> lastReply = new HashMap<>();

    /**
     * Whether {@code number} may get a help reply at {@code now}; if so, the reply is counted.
     *
     * @param interval {@link Duration#ZERO} lets every reply through
     */
    synchronized boolean tryAcquire(String number, Instant now, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            return true;
        }
        Instant last = lastReply.get(number);
        if (last != null && now.isBefore(last.plus(interval))) {
            return false;
        }
        if (lastReply.size() >= PRUNE_ABOVE) {
            lastReply.values().removeIf(at -> !now.isBefore(at.plus(interval)));
        }
        lastReply.put(number, now);
        return true;
    }
}
