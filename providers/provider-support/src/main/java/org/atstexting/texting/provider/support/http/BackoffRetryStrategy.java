package org.atstexting.texting.provider.support.http;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * The waiting half of a provider's retry strategy; the provider's subclass decides which calls
 * may be repeated at all (never a send that may have reached the provider).
 * <ul>
 * <li>Before repeat {@code n} (1, 2, ...): {@code base * 2^(n-1)}, at most {@link #MAX_WAIT_MILLIS},
 * with "equal jitter" (between half and all of it), so clients that failed together do not come
 * back together.</li>
 * <li>The provider's {@code Retry-After} (seconds, or an HTTP date counted from now) is waited
 * instead; one longer than {@link #MAX_WAIT_MILLIS} is not waited for
 * ({@link #waitable(HttpResponse)} says so to the subclass).</li>
 * </ul>
 */
public abstract class BackoffRetryStrategy extends DefaultHttpRequestRetryStrategy {

    /** The longest wait before a repeat, and the longest {@code Retry-After} honoured. */
    public static final long MAX_WAIT_MILLIS = 30_000;

    private final long baseMillis;

    /**
     * @param maxAttempts       attempts in all (1: no repeat)
     * @param baseMillis        the wait before the first repeat
     * @param nonRetriable      I/O failures never repeated (as {@link DefaultHttpRequestRetryStrategy})
     * @param retriableStatuses statuses repeated (as {@link DefaultHttpRequestRetryStrategy})
     */
    protected BackoffRetryStrategy(int maxAttempts, long baseMillis,
            Collection<Class<? extends IOException>> nonRetriable, Collection<Integer> retriableStatuses) {
        super(Math.max(0, maxAttempts - 1), TimeValue.ofMilliseconds(Math.max(0, baseMillis)), nonRetriable,
                retriableStatuses);
        this.baseMillis = Math.max(0, baseMillis);
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        long retryAfter = retryAfterMillis(response);
        return TimeValue.ofMilliseconds(retryAfter >= 0 ? retryAfter : backoff(execCount));
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return TimeValue.ofMilliseconds(backoff(execCount));
    }

    /** The wait before repeat number {@code execCount} (1 after the first failure). */
    public long backoff(int execCount) {
        long exp = baseMillis << Math.min(20, Math.max(0, execCount - 1));
        long capped = Math.min(MAX_WAIT_MILLIS, exp);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    /** Whether the response's {@code Retry-After}, if any, is short enough to wait for. */
    protected static boolean waitable(HttpResponse response) {
        return retryAfterMillis(response) <= MAX_WAIT_MILLIS;
    }

    /** {@code Retry-After} in milliseconds (delay-seconds, or an HTTP date counted from now), or -1. */
    public static long retryAfterMillis(HttpResponse response) {
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        if (header == null || header.getValue() == null) {
            return -1;
        }
        String value = header.getValue().trim();
        try {
            return Math.max(0, Long.parseLong(value)) * 1000;
        } catch (NumberFormatException e) {
            try {
                long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(0, at - System.currentTimeMillis());
            } catch (DateTimeParseException notADate) {
                return -1;
            }
        }
    }
}
