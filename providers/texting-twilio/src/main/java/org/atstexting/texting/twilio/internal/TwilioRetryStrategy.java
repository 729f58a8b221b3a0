package org.atstexting.texting.twilio.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.util.List;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.atstexting.texting.provider.support.http.BackoffRetryStrategy;

/**
 * HttpClient's own retry mechanism, bounded, for the two cases where Twilio certainly did
 * nothing: a 429 (error 20429, too many concurrent requests: "not processed, safe to retry")
 * and a connection that was never made. Nothing else is repeated: a send whose request may
 * have reached Twilio (a 5xx, a time-out while waiting for the answer, a connection reset) may
 * have gone out, and Twilio has no idempotency key, so it is reported, never resent.
 * <ul>
 * <li>The waits are {@link BackoffRetryStrategy}'s: exponential with jitter; Twilio's
 * {@code Retry-After}, if it sends one (unconfirmed), is honoured up to the same bound, beyond
 * which the call is not repeated.</li>
 * <li>After the last attempt the 429 reaches the client, which reports the text as throttled.</li>
 * </ul>
 */
final class TwilioRetryStrategy extends BackoffRetryStrategy {

    private final int retries;

    TwilioRetryStrategy(int maxAttempts, long baseMillis) {
        super(maxAttempts, baseMillis, List.of(), List.of(429));
        this.retries = Math.max(0, maxAttempts - 1);
    }

    /** Only failures to connect: the request never left, whatever its method. */
    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        boolean neverSent = exception instanceof ConnectException || exception instanceof ConnectTimeoutException
                || exception instanceof NoRouteToHostException;
        return neverSent && execCount <= retries && !Thread.currentThread().isInterrupted();
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return response.getCode() == 429 && execCount <= retries && waitable(response);
    }
}
