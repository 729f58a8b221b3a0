package org.atstexting.texting.provider.support.webhook;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * What a webhook request is answered with.
 *
 * @param status      the HTTP status
 * @param contentType the {@code Content-Type} of {@code text}
 * @param text        the body
 * @param allow       the {@code Allow} header (for a 405), else {@code null}
 */
public record WebhookReply(int status, String contentType, String text, String allow) {

    /** A plain-text answer of one word and a newline, e.g. {@code 403 forbidden}. */
    public static WebhookReply word(int status, String word) {
        return new WebhookReply(status, "text/plain;charset=UTF-8", word + "\n", null);
    }

    /** 405 with {@code Allow: POST}: webhooks are POSTed. */
    public static WebhookReply onlyPost() {
        return new WebhookReply(405, "text/plain;charset=UTF-8", "only POST\n", "POST");
    }

    /** 413: the body is over the handler's limit. */
    public static WebhookReply tooLarge() {
        return word(413, "too large");
    }

    public byte[] body() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes this reply through a servlet response of either generation, e.g.
     * {@code reply.writeTo(resp::setHeader, resp::setStatus, resp::setContentType, resp::setContentLength, resp.getOutputStream())}:
     * the Allow header (for a 405), the status, the content type and the body.
     */
    public void writeTo(BiConsumer<String, String> header, IntConsumer status, Consumer<String> type,
            IntConsumer length, OutputStream out) throws IOException {
        if (allow != null) {
            header.accept("Allow", allow);
        }
        status.accept(this.status);
        type.accept(contentType);
        byte[] bytes = body();
        length.accept(bytes.length);
        out.write(bytes);
    }
}
