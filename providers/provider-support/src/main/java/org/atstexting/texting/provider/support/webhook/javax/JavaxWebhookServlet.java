package org.atstexting.texting.provider.support.webhook.javax;

import java.io.IOException;

import org.atstexting.texting.provider.support.webhook.WebhookHandler;
import org.atstexting.texting.provider.support.webhook.WebhookReply;
import org.atstexting.texting.provider.support.webhook.WebhookRequest;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * A webhook endpoint on a javax Http Whiteboard (OSGi R7, Servlet 3.1/4; e.g. Karaf's Pax Web 8):
 * the provider's {@code @Component(service = Servlet.class, ...)} subclass passes its handler.
 * <p>
 * Import {@code javax.servlet} [3.1,5) optionally and reference no HTTP runtime: the subclass's class,
 * and this one, load only when a javax whiteboard gets the service (Declarative Services
 * registers a delayed component by name), so the provider installs and polls without one. Give
 * the subclass {@code osgi.http.whiteboard.target=(!(objectClass=org.osgi.service.servlet.runtime.HttpServiceRuntime))}
 * so a runtime that is a Jakarta whiteboard too is left to the Jakarta servlet: one path, one servlet.
 */
public abstract class JavaxWebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient WebhookHandler handler;

    protected JavaxWebhookServlet(WebhookHandler handler) {
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
