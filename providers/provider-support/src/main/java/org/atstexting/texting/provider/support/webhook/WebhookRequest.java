package org.atstexting.texting.provider.support.webhook;

import java.io.InputStream;
import java.util.function.UnaryOperator;

/**
 * One webhook request as either servlet generation sees it, without its Servlet API.
 *
 * @param method          the HTTP method
 * @param servletPath     the path the servlet was matched by, e.g. {@code /twilio/status}
 * @param rawQuery        the query string exactly as sent (not decoded), or {@code null}
 * @param contentType     the {@code Content-Type}, or {@code null}
 * @param queryParameters a query parameter by name, decoded, or {@code null}
 * @param headers         a request header by name, or {@code null}
 * @param body            the body, unread: read it with {@link WebhookBodies#readAtMost}
 */
public record WebhookRequest(String method, String servletPath, String rawQuery, String contentType,
        UnaryOperator<String> queryParameters, UnaryOperator<String> headers, InputStream body) {

    /** A query parameter, decoded, or {@code null}. */
    public String queryParameter(String name) {
        return queryParameters.apply(name);
    }

    /** A request header, or {@code null}. */
    public String header(String name) {
        return headers.apply(name);
    }
}
