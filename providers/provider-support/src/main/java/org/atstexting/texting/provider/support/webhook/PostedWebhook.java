package org.atstexting.texting.provider.support.webhook;

import java.io.IOException;

/**
 * A handler for webhooks that are POSTed with a bounded body: anything else is 405, a body
 * over {@link #maxBodyBytes()} is 413, before the provider's {@link #posted} sees it.
 */
public abstract class PostedWebhook implements WebhookHandler {

    /** The body limit of most providers' events (one message object). */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    @Override
    public final WebhookReply handle(WebhookRequest request) throws IOException {
        if (!"POST".equals(request.method())) {
            return WebhookReply.onlyPost();
        }
        byte[] body = WebhookBodies.readAtMost(request.body(), maxBodyBytes());
        if (body == null) {
            return WebhookReply.tooLarge();
        }
        return posted(request, body);
    }

    protected int maxBodyBytes() {
        return DEFAULT_MAX_BODY_BYTES;
    }

    /** A POST with its whole body, within the limit. */
    protected abstract WebhookReply posted(WebhookRequest request, byte[] body) throws IOException;
}
