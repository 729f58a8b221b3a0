package org.atstexting.fake.textus;

import java.util.Map;
import java.util.Optional;

/**
 * Fault switches, each for the next {@code times} requests: a 5xx answer with no effect, a
 * send that is stored and then answered 502 (its answer lost on the way), a slow answer, and a
 * 200 whose body is not JSON, and a 429 with {@code Retry-After} (the limit used up elsewhere,
 * e.g. by another integration on the same token).
 */
public final class FakeFaults {

    private int errorStatus;
    private int errorTimes;
    private int lostSends;
    private long slowMillis;
    private int slowTimes;
    private int malformedTimes;
    private int limitedTimes;
    private int retryAfterSeconds;

    /** The next {@code times} requests are answered {@code status} (e.g. 500, 503) and change nothing. */
    public synchronized void failNext(int status, int times) {
        errorStatus = status;
        errorTimes = times;
    }

    /** The next {@code times} sends are stored (the text goes out) and then answered 502: the answer is lost. */
    public synchronized void sendThenFail(int times) {
        lostSends = times;
    }

    /** The next {@code times} requests are answered after {@code millis}. */
    public synchronized void slowNext(long millis, int times) {
        slowMillis = millis;
        slowTimes = times;
    }

    /** The next {@code times} successful answers carry a body that is not JSON. */
    public synchronized void malformedNext(int times) {
        malformedTimes = times;
    }

    /** The next {@code times} requests are answered 429 with {@code Retry-After: retryAfterSeconds} and change nothing. */
    public synchronized void rateLimitNext(int retryAfterSeconds, int times) {
        this.retryAfterSeconds = Math.max(0, retryAfterSeconds);
        limitedTimes = times;
    }

    synchronized void clear() {
        limitedTimes = 0;
        errorTimes = 0;
        lostSends = 0;
        slowTimes = 0;
        malformedTimes = 0;
    }

    synchronized Optional<FakeResponse> beforeRequest(String method, String path, Map<String, String> headers) {
        if (limitedTimes > 0) {
            limitedTimes--;
            Map<String, String> limited = new java.util.HashMap<>(headers);
            limited.put("X-RateLimit-Remaining", "0");
            limited.put("X-RateLimit-Reset", Integer.toString(retryAfterSeconds));
            limited.put("Retry-After", Integer.toString(retryAfterSeconds));
            return Optional.of(FakeJson.error(429, "rate_limited", "Rate limit exceeded", limited));
        }
        if (errorTimes > 0) {
            errorTimes--;
            return Optional.of(new FakeResponse(errorStatus, "{\"@type\":\"Error\",\"code\":\"server_error\","
                    + "\"message\":\"Something went wrong\"}", headers, 0));
        }
        return Optional.empty();
    }

    synchronized FakeResponse afterRequest(String method, String path, FakeResponse answer) {
        FakeResponse r = answer;
        if (lostSends > 0 && "POST".equals(method) && path.endsWith("/messages") && answer.status() < 300) {
            lostSends--;
            r = new FakeResponse(502, "<html>Bad Gateway</html>", answer.headers(), 0);
        } else if (malformedTimes > 0 && answer.status() < 300 && answer.body() != null) {
            malformedTimes--;
            r = new FakeResponse(answer.status(), "{\"@type\": \"Message\", \"id\": ", answer.headers(), 0);
        }
        if (slowTimes > 0) {
            slowTimes--;
            r = new FakeResponse(r.status(), r.body(), r.headers(), slowMillis);
        }
        return r;
    }
}
