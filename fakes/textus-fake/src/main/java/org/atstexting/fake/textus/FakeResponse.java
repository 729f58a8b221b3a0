package org.atstexting.fake.textus;

import java.util.Map;

/**
 * What the fake answers to one request.
 *
 * @param status  HTTP status
 * @param body    the body (JSON-LD, UTF-8), or {@code null} for none (202, 204)
 * @param headers extra headers (rate limit, Retry-After)
 * @param delayMillis how long to wait before answering (the "slow" fault)
 */
public record FakeResponse(int status, String body, Map<String, String> headers, long delayMillis) {

    public FakeResponse {
        headers = Map.copyOf(headers);
    }
}
