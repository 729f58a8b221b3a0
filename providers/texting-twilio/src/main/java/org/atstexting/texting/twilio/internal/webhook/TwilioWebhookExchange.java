package org.atstexting.texting.twilio.internal.webhook;

import java.io.IOException;

import org.atstexting.texting.provider.support.webhook.WebhookBodies;
import org.atstexting.texting.provider.support.webhook.WebhookHandler;
import org.atstexting.texting.provider.support.webhook.WebhookReply;
import org.atstexting.texting.provider.support.webhook.WebhookRequest;

/**
 * The servlets' (jakarta and javax, from the provider support library) way into
 * {@link TwilioWebhooks}: the endpoint by servlet path (another path: 404), the raw query and
 * the raw body, never the container's parameters (they would mix body and query, and decode the
 * query, which the signature covers exactly as sent).
 */
public final class TwilioWebhookExchange implements WebhookHandler {

    private final TwilioWebhooks webhooks;

    public TwilioWebhookExchange(TwilioWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public WebhookReply handle(WebhookRequest request) throws IOException {
        WebhookCall.Endpoint endpoint = WebhookCall.Endpoint.of(request.servletPath());
        if (endpoint == null) {
            return WebhookReply.word(404, "not found");
        }
        WebhookAnswer answer = webhooks.handle(new WebhookCall(endpoint, request.method(), request.rawQuery(),
                request.contentType(), request.header("X-Twilio-Signature"),
                WebhookBodies.readAtMost(request.body(), WebhookCall.MAX_BODY_BYTES)));
        return new WebhookReply(answer.status(), answer.contentType(), answer.text(), answer.allow());
    }
}
