package org.atstexting.texting.textus.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

/**
 * Paces calls by what TextUs says about each token's limit (1,000 requests per 5 minutes):
 * the last {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}, and a 429's
 * {@code Retry-After}. A call with nothing left waits for the reset when it is near, and is
 * refused before it is made otherwise, so a refused send was certainly not sent. Tokens are
 * known by the credential's username, never by the token.
 * <p>
 * Unconfirmed: the unit of {@code X-RateLimit-Reset}. A value above 10^9 is read as the epoch
 * second of the reset, a smaller one as seconds until it.
 */
final class TextusRate {

    private record Window(int remaining, Instant reset) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long maxWaitMillis;

    TextusRate(Clock clock, int maxWaitSeconds) {
        this.clock = clock;
        this.maxWaitMillis = Math.max(0, maxWaitSeconds) * 1000L;
    }

    /** Before a call: waits for the reset when it is near, refuses when it is not. */
    void beforeCall(String user, String what) throws ProviderException {
        Window w = windows.get(user);
        if (w == null || w.remaining() > 0) {
            return;
        }
        long wait = w.reset().toEpochMilli() - clock.millis();
        if (wait <= 0) {
            windows.remove(user, w);
            return;
        }
        if (wait > maxWaitMillis) {
            throw limited(what, (wait + 999) / 1000);
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.UNREACHABLE, "Interrupted while waiting for TextUs's rate limit; "
                    + what + " was not sent");
        }
    }

    /** After an answer: what its headers say. */
    void afterCall(String user, String remaining, String reset) {
        Integer left = integer(remaining);
        Long at = longValue(reset);
        if (left != null) {
            windows.put(user, new Window(left, at == null ? clock.instant().plusSeconds(300) : resetAt(at)));
        }
    }

    /** A 429: nothing left until Retry-After (seconds); the refusal says when to try again. */
    ProviderException refused(String user, String retryAfter, String what) {
        Long seconds = longValue(retryAfter);
        long s = seconds == null || seconds < 1 ? 60 : seconds;
        windows.put(user, new Window(0, clock.instant().plusSeconds(s)));
        return limited(what, s);
    }

    /** Nothing was sent: {@link Kind#THROTTLED}, safe to send again after the reset TextUs named. */
    private ProviderException limited(String what, long seconds) {
        return ProviderException.throttled("TextUs's rate limit (1,000 requests per 5 minutes per token) is "
                + "used up; " + what + " was not sent. Try again in " + seconds + " s (retry after " + seconds + ")",
                clock.instant().plusSeconds(seconds));
    }

    private Instant resetAt(long value) {
        return value > 1_000_000_000L ? Instant.ofEpochSecond(value) : clock.instant().plusSeconds(value);
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
