package org.atstexting.fake.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.UnaryOperator;

/**
 * One HTTP request to a fake, whichever server received it.
 *
 * @param method        the HTTP method
 * @param path          the raw path below the fake's base path, starting with {@code /} (e.g. {@code /user/login})
 * @param query         the raw query string, or {@code null}
 * @param headers       the first value of a header by (case-insensitive) name, or {@code null}
 * @param contentLength the declared {@code Content-Length}, or -1
 * @param body          the body, read by the fake itself so it can refuse what is too large
 */
public record FakeRequest(String method, String path, String query, UnaryOperator<String> headers,
        long contentLength, InputStream body) {

    /** A header's first value, or {@code null}. */
    public String header(String name) {
        return headers.apply(name);
    }

    /** At most {@code max + 1} bytes of the body, so a caller sees that it was too large without reading it all. */
    public byte[] readBody(int max) throws IOException {
        try (InputStream in = body) {
            return in.readNBytes(max + 1);
        }
    }
}
