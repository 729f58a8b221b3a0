package org.atstexting.texting.twilio.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * HttpClient's own retry mechanism, bounded, for the two cases where Twilio certainly did
 * nothing: a 429 (error 20429, too many concurrent requests: "not processed, safe to retry")
 * and a connection that was never made. Nothing else is repeated: a send whose request may
 * have reached Twilio (a 5xx, a time-out while waiting for the answer, a connection reset) may
 * have gone out, and Twilio has no idempotency key, so it is reported, never resent.
 * <ul>
 * <li>Back-off before repeat {@code n}: {@code base * 2^(n-1)}, at most {@link #MAX_WAIT_MILLIS},
 * with "equal jitter" (between half and all of it); Twilio's {@code Retry-After}, if it sends
 * one (unconfirmed), is honoured up to the same bound, beyond which the call is not repeated.</li>
 * <li>After the last attempt the 429 reaches the client, which reports the text as throttled.</li>
 * </ul>
 */
final class TwilioRetryStrategy extends DefaultHttpRequestRetryStrategy {

    static final long MAX_WAIT_MILLIS = 30_000;

    private final long baseMillis;
    private final int retries;

    TwilioRetryStrategy(int maxAttempts, long baseMillis) {
        super(Math.max(0, maxAttempts - 1), TimeValue.ofMilliseconds(Math.max(0, baseMillis)), List.of(), List.of(429));
        this.baseMillis = Math.max(0, baseMillis);
        this.retries = Math.max(0, maxAttempts - 1);
    }

    /** Only failures to connect: the request never left, whatever its method. */
    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        boolean neverSent = exception instanceof ConnectException || exception instanceof ConnectTimeoutException
                || exception instanceof NoRouteToHostException;
        return neverSent && execCount <= maxRetries() && !Thread.currentThread().isInterrupted();
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return response.getCode() == 429 && execCount <= maxRetries() && retryAfterMillis(response) <= MAX_WAIT_MILLIS;
    }

    private int maxRetries() {
        return retries;
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

    long backoff(int execCount) {
        long exp = baseMillis << Math.min(20, Math.max(0, execCount - 1));
        long capped = Math.min(MAX_WAIT_MILLIS, exp);
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    /** Retry-After in milliseconds (seconds form), or -1 when absent or not a number. */
    static long retryAfterMillis(HttpResponse response) {
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        if (header == null || header.getValue() == null) {
            return -1;
        }
        try {
            return Math.max(0, Long.parseLong(header.getValue().trim())) * 1000;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
