package org.atstexting.texting.provider.support.webhook.jakarta;

import java.io.IOException;

import org.atstexting.texting.provider.support.webhook.WebhookHandler;
import org.atstexting.texting.provider.support.webhook.WebhookReply;
import org.atstexting.texting.provider.support.webhook.WebhookRequest;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A webhook endpoint on a Jakarta Http Whiteboard (OSGi R8, Servlet 5+; e.g. Felix HTTP Jetty 12):
 * the provider's {@code @Component(service = Servlet.class, ...)} subclass passes its handler.
 * <p>
 * Import {@code jakarta.servlet} optionally and reference no HTTP runtime: the subclass's class,
 * and this one, load only when a Jakarta whiteboard gets the service (Declarative Services
 * registers a delayed component by name), so the provider installs and polls without one.
 */
public abstract class JakartaWebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient WebhookHandler handler;

    protected JakartaWebhookServlet(WebhookHandler handler) {
        this.handler = handler;
    }

    @Override
    protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WebhookReply reply = handler.handle(new WebhookRequest(req.getMethod(), req.getServletPath(),
                req.getQueryString(), req.getContentType(), req::getParameter, req::getHeader, req.getInputStream()));
        reply.writeTo(resp::setHeader, resp::setStatus, resp::setContentType, resp::setContentLength,
                resp.getOutputStream());
    }
}
