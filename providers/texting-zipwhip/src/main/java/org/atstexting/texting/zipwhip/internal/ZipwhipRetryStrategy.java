package org.atstexting.texting.zipwhip.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * HttpClient's own retry mechanism, tuned for Zipwhip: logins and reads are retried on
 * connection errors, 5xx and 429, with exponential backoff and jitter, honouring
 * Retry-After; {@code message/send} is never retried here (see {@link ZipwhipClient#send}).
 *
 * <ul>
 * <li>Every Zipwhip method is a POST, which HttpClient treats as not idempotent; the reads
 * and {@code user/login} are safe to repeat (a second login merely makes another session),
 * so they are handled as idempotent. The request's context says which call it is
 * ({@link #RETRY_ALLOWED}); a call without that attribute is not retried.</li>
 * <li>Retried I/O failures: refused or reset connections, connect timeouts, connections
 * closed without an answer. Not retried: unknown host and TLS failures (they do not heal
 * in a second) and response timeouts (the caller has already waited the full response
 * timeout; waiting it again several times would hang the caller).</li>
 * <li>Retried statuses: 429, 500, 502, 503, 504. A Retry-After longer than
 * {@link #MAX_WAIT_MILLIS} is not waited for: the call fails and says so.</li>
 * <li>Backoff before retry {@code n} (1, 2, ...): {@code base * 2^(n-1)}, capped at
 * {@link #MAX_WAIT_MILLIS}, then "equal jitter": a random value between half and all of it,
 * so clients that failed together do not come back together.</li>
 * </ul>
 */
final class ZipwhipRetryStrategy extends DefaultHttpRequestRetryStrategy {

    /** Context attribute: {@link Boolean#TRUE} if this call may be repeated. */
    static final String RETRY_ALLOWED = "org.atstexting.zipwhip.retryAllowed";

    static final long MAX_WAIT_MILLIS = 30_000;

    private final long baseMillis;

    ZipwhipRetryStrategy(int maxAttempts, long baseMillis) {
        super(Math.max(0, maxAttempts - 1), TimeValue.ofMilliseconds(Math.max(0, baseMillis)),
                List.of(UnknownHostException.class, SSLException.class, SocketTimeoutException.class),
                List.of(429, 500, 502, 503, 504));
        this.baseMillis = Math.max(0, baseMillis);
    }

    private static boolean allowed(HttpContext context) {
        return context != null && Boolean.TRUE.equals(context.getAttribute(RETRY_ALLOWED));
    }

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        if (!allowed(context)) {
            return false;
        }
        // a connect timeout is an InterruptedIOException but says nothing reached Zipwhip: retry it;
        // a real interrupt (the caller is being stopped) must not be retried
        if (exception instanceof InterruptedIOException && !(exception instanceof SocketTimeoutException)
                && Thread.currentThread().isInterrupted()) {
            return false;
        }
        return super.retryRequest(request, exception, execCount, context);
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        if (!allowed(context) || !super.retryRequest(response, execCount, context)) {
            return false;
        }
        long retryAfter = retryAfterMillis(response);
        return retryAfter <= MAX_WAIT_MILLIS;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        long retryAfter = retryAfterMillis(response);
        return retryAfter >= 0 ? TimeValue.ofMilliseconds(retryAfter) : TimeValue.ofMilliseconds(backoff(execCount));
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return TimeValue.ofMilliseconds(backoff(execCount));
    }

    /** Every Zipwhip call is a POST; {@link #RETRY_ALLOWED} has already said this one is safe to repeat. */
    @Override
    protected boolean handleAsIdempotent(HttpRequest request) {
        return true;
    }

    /** The wait before retry number {@code execCount} (1 after the first failure). */
    long backoff(int execCount) {
        long exp = baseMillis << Math.min(20, Math.max(0, execCount - 1));
        long capped = Math.min(MAX_WAIT_MILLIS, exp);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    /** Retry-After in milliseconds (delay-seconds form; an HTTP date counts from now), or -1. */
    static long retryAfterMillis(HttpResponse response) {
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        if (header == null || header.getValue() == null) {
            return -1;
        }
        String value = header.getValue().trim();
        try {
            return Math.max(0, Long.parseLong(value)) * 1000;
        } catch (NumberFormatException e) {
            try {
                long at = java.time.ZonedDateTime.parse(value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant().toEpochMilli();
                return Math.max(0, at - System.currentTimeMillis());
            } catch (java.time.format.DateTimeParseException notADate) {
                return -1;
            }
        }
    }
}
