package org.atstexting.texting.zipwhip.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.atstexting.texting.provider.support.webhook.PostedWebhook;
import org.atstexting.texting.provider.support.webhook.WebhookReply;
import org.atstexting.texting.provider.support.webhook.WebhookRequest;

/**
 * One webhook call, free of any Servlet API: the javax and the jakarta servlets (one per
 * Http Whiteboard generation, from the provider support library) hand the request here and
 * write back the reply. Zipwhip POSTs one message object (JSON) per event to
 * {@code <callback base URL>/zipwhip/webhook?account=<username>&secret=<secret>}.
 * <ul>
 * <li>wrong or missing secret: 403; not a message object: 400; not POST: 405; body over 64 KiB: 413
 * ({@link PostedWebhook});</li>
 * <li>a message id (and status) already handed over: 200, ignored (Zipwhip retries webhooks);</li>
 * <li>provider disabled or the core's callback away: 503, so Zipwhip tries again later (and
 * polling reads it anyway); the core failing: 500.</li>
 * </ul>
 * Nothing here logs the query string (it carries the secret).
 */
final class ZipwhipWebhookExchange extends PostedWebhook {

    private final ZipwhipInbound inbound;

    ZipwhipWebhookExchange(ZipwhipInbound inbound) {
        this.inbound = inbound;
    }

    @Override
    protected WebhookReply posted(WebhookRequest request, byte[] body) {
        // the body is JSON, so reading a query parameter never parses it as a form
        ZipwhipInbound.Outcome outcome = inbound.onWebhook(request.queryParameter("account"),
                request.queryParameter("secret"), new String(body, StandardCharsets.UTF_8));
        return WebhookReply.word(outcome.httpStatus, outcome.name().toLowerCase(Locale.ROOT));
    }
}
