package org.atstexting.fake.support;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a fake answers to one request.
 *
 * @param status      the HTTP status
 * @param contentType the body's type, or {@code null} without a body
 * @param headers     extra headers (rate limits, Retry-After)
 * @param body        the body, or {@code null} for none (202, 204, HEAD)
 * @param delayMillis how long to wait before answering (a "slow" fault)
 * @param close       whether to close the connection afterwards (the rest of a too-large body is unread)
 */
public record FakeAnswer(int status, String contentType, Map<String, String> headers, byte[] body, long delayMillis,
        boolean close) {

    public FakeAnswer {
        headers = Map.copyOf(headers);
    }

    /** An answer with a UTF-8 text body (or none when {@code text} is {@code null}). */
    public static FakeAnswer of(int status, String contentType, Map<String, String> headers, String text,
            long delayMillis) {
        return new FakeAnswer(status, text == null ? null : contentType, headers,
                text == null ? null : text.getBytes(StandardCharsets.UTF_8), delayMillis, status == 413);
    }
}
