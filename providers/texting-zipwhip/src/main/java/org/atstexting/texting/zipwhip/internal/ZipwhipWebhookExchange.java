package org.atstexting.texting.zipwhip.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One webhook call, free of any Servlet API: the javax and the jakarta servlets (one per
 * Http Whiteboard generation) hand the request's method, body and query parameters here and
 * write back the {@link Answer}. Zipwhip POSTs one message object (JSON) per event to
 * {@code <callback base URL>/zipwhip/webhook?account=<username>&secret=<secret>}.
 * <ul>
 * <li>wrong or missing secret: 403; not a message object: 400; not POST: 405; body over 64 KiB: 413;</li>
 * <li>a message id (and status) already handed over: 200, ignored (Zipwhip retries webhooks);</li>
 * <li>provider disabled or the core's callback away: 503, so Zipwhip tries again later (and
 * polling reads it anyway); the core failing: 500.</li>
 * </ul>
 * Nothing here logs the query string (it carries the secret).
 */
final class ZipwhipWebhookExchange {

    static final int MAX_BODY_BYTES = 64 * 1024;

    /** The reply: status, a one-word plain text body, and the Allow header for a 405 (else null). */
    record Answer(int status, String text, String allow) {

        byte[] body() {
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    private final ZipwhipInbound inbound;

    ZipwhipWebhookExchange(ZipwhipInbound inbound) {
        this.inbound = inbound;
    }

    /** Reads at most {@link #MAX_BODY_BYTES} + 1 bytes of {@code body}; never more. */
    Answer handle(String method, InputStream body, String account, String secret) throws IOException {
        if (!"POST".equals(method)) {
            return new Answer(405, "only POST", "POST");
        }
        byte[] bytes;
        try (InputStream in = body) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            return new Answer(413, "too large", null);
        }
        ZipwhipInbound.Outcome outcome = inbound.onWebhook(account, secret, new String(bytes, StandardCharsets.UTF_8));
        return new Answer(outcome.httpStatus, outcome.name().toLowerCase(Locale.ROOT), null);
    }
}
