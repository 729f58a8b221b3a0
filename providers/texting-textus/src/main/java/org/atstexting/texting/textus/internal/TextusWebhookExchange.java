package org.atstexting.texting.textus.internal;

import java.util.Locale;

import org.atstexting.texting.provider.support.webhook.PostedWebhook;
import org.atstexting.texting.provider.support.webhook.WebhookReply;
import org.atstexting.texting.provider.support.webhook.WebhookRequest;

/**
 * One webhook call, free of any Servlet API: the jakarta and javax servlets (from the provider
 * support library) hand the request here and write back the reply; it reads the
 * {@code X-TextUs-Signature} header and the body.
 * Not POST: 405; body over 64 KiB: 413 ({@link PostedWebhook}); unsigned or forged: 403 (nothing changes); a
 * duplicate: 200 (nothing changes); provider disabled, no secret yet or the core away: 503.
 */
final class TextusWebhookExchange extends PostedWebhook {

    static final String PATH = "/textus/webhook";
    static final String SIGNATURE_HEADER = "X-TextUs-Signature";

    private final TextusInbound inbound;

    TextusWebhookExchange(TextusInbound inbound) {
        this.inbound = inbound;
    }

    @Override
    protected WebhookReply posted(WebhookRequest request, byte[] body) {
        TextusInbound.Outcome outcome = inbound.onWebhook(request.header(SIGNATURE_HEADER), body);
        return WebhookReply.word(outcome.httpStatus, outcome.name().toLowerCase(Locale.ROOT));
    }
}
