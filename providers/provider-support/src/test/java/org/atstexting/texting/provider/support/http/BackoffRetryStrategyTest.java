package org.atstexting.texting.provider.support.http;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.Test;

/** The waits: exponential with jitter, capped; Retry-After in seconds or as a date. */
public class BackoffRetryStrategyTest {

    private final BackoffRetryStrategy strategy = new BackoffRetryStrategy(5, 100, List.of(), List.of(429)) {
    };

    @Test
    public void backoffDoublesWithJitterAndIsCapped() {
        for (int i = 0; i < 50; i++) {
            long first = strategy.backoff(1);
            long third = strategy.backoff(3);
            assertTrue(first >= 50 && first <= 100);
            assertTrue(third >= 200 && third <= 400);
            assertTrue(strategy.backoff(30) <= BackoffRetryStrategy.MAX_WAIT_MILLIS);
        }
    }

    @Test
    public void retryAfterReadsSecondsAndDatesAndNothingElse() {
        BasicHttpResponse seconds = new BasicHttpResponse(429);
        seconds.setHeader("Retry-After", "120");
        assertEquals(120_000, BackoffRetryStrategy.retryAfterMillis(seconds));
        assertTrue(!BackoffRetryStrategy.waitable(seconds));

        BasicHttpResponse date = new BasicHttpResponse(429);
        date.setHeader("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10)));
        long wait = BackoffRetryStrategy.retryAfterMillis(date);
        assertTrue(String.valueOf(wait), wait > 0 && wait <= 10_000);

        BasicHttpResponse none = new BasicHttpResponse(429);
        assertEquals(-1, BackoffRetryStrategy.retryAfterMillis(none));
        none.setHeader("Retry-After", "soon");
        assertEquals(-1, BackoffRetryStrategy.retryAfterMillis(none));
    }
}
