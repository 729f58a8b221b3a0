package org.atstexting.texting.zipwhip.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;

import javax.net.ssl.SSLException;

import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.atstexting.texting.provider.support.http.BackoffRetryStrategy;

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
 * <li>The waits are {@link BackoffRetryStrategy}'s: exponential from the base, capped at
 * {@link #MAX_WAIT_MILLIS}, with jitter, or Zipwhip's Retry-After.</li>
 * </ul>
 */
final class ZipwhipRetryStrategy extends BackoffRetryStrategy {

    /** Context attribute: {@link Boolean#TRUE} if this call may be repeated. */
    static final String RETRY_ALLOWED = "org.atstexting.zipwhip.retryAllowed";

    ZipwhipRetryStrategy(int maxAttempts, long baseMillis) {
        super(maxAttempts, baseMillis,
                List.of(UnknownHostException.class, SSLException.class, SocketTimeoutException.class),
                List.of(429, 500, 502, 503, 504));
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
        return allowed(context) && super.retryRequest(response, execCount, context) && waitable(response);
    }

    /** Every Zipwhip call is a POST; {@link #RETRY_ALLOWED} has already said this one is safe to repeat. */
    @Override
    protected boolean handleAsIdempotent(HttpRequest request) {
        return true;
    }
}
