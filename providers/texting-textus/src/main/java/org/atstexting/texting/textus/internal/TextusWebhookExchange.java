package org.atstexting.texting.textus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One webhook call, free of any Servlet API: the jakarta and javax servlets hand the method,
 * the {@code X-TextUs-Signature} header and the body here and write back the {@link Answer}.
 * Not POST: 405; body over 64 KiB: 413; unsigned or forged: 403 (nothing changes); a
 * duplicate: 200 (nothing changes); provider disabled, no secret yet or the core away: 503.
 */
final class TextusWebhookExchange {

    static final String PATH = "/textus/webhook";
    static final String SIGNATURE_HEADER = "X-TextUs-Signature";
    static final int MAX_BODY_BYTES = 64 * 1024;

    record Answer(int status, String text, String allow) {

        byte[] body() {
            return (text + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    private final TextusInbound inbound;

    TextusWebhookExchange(TextusInbound inbound) {
        this.inbound = inbound;
    }

    Answer handle(String method, String signature, InputStream body) throws IOException {
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
        TextusInbound.Outcome outcome = inbound.onWebhook(signature, bytes);
        return new Answer(outcome.httpStatus, outcome.name().toLowerCase(Locale.ROOT), null);
    }
}
