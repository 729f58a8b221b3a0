package org.atstexting.fake.textus;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * TextUs's limit: 1,000 requests per five minutes per token (a window that starts with the
 * token's first request). Every answer carries {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (seconds until the window ends;
 * the unit is unconfirmed), and a request over the limit is answered 429 with
 * {@code Retry-After} (seconds). Tokens are kept only as hashes.
 */
final class FakeRateLimit {

    static final long WINDOW_MILLIS = 5 * 60 * 1000L;

    private record Window(long start, int used) {
    }

    private final Map<String, Window> windows = new HashMap<>();
    private int limit = 1_000;

    synchronized void setLimit(int limit) {
        this.limit = Math.max(1, limit);
    }

    synchronized void clear() {
        windows.clear();
    }

    synchronized Optional<FakeResponse> count(String token, Map<String, String> headers) {
        long now = System.currentTimeMillis();
        String key = hash(token);
        Window w = windows.get(key);
        if (w == null || now - w.start() >= WINDOW_MILLIS) {
            w = new Window(now, 0);
        }
        long resetSeconds = Math.max(1, (w.start() + WINDOW_MILLIS - now + 999) / 1000);
        headers.put("X-RateLimit-Limit", Integer.toString(limit));
        headers.put("X-RateLimit-Reset", Long.toString(resetSeconds));
        if (w.used() >= limit) {
            headers.put("X-RateLimit-Remaining", "0");
            headers.put("Retry-After", Long.toString(resetSeconds));
            windows.put(key, w);
            return Optional.of(FakeJson.error(429, "rate_limited", "Rate limit exceeded", headers));
        }
        w = new Window(w.start(), w.used() + 1);
        windows.put(key, w);
        headers.put("X-RateLimit-Remaining", Integer.toString(limit - w.used()));
        return Optional.empty();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
