package org.atstexting.texting.twilio.internal.webhook;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Twilio's webhooks on a javax Http Whiteboard (OSGi R7, Servlet 3.1/4, e.g. Karaf's Pax Web 8), at
 * {@code /twilio/inbound} and {@code /twilio/status}; the work is {@link TwilioWebhooks}'.
 * It needs no HTTP runtime, so bnd writes no requirement for one: without a whiteboard the
 * provider installs and polls. Its class, which needs the optionally imported
 * {@code javax.servlet}, loads only when a javax whiteboard gets the service; a runtime that is
 * a Jakarta whiteboard too is left to {@link TwilioWebhookServlet}, so a path never has two servlets.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/twilio/inbound",
        "osgi.http.whiteboard.servlet.pattern=/twilio/status",
        "osgi.http.whiteboard.servlet.name=twilio-webhook",
        "osgi.http.whiteboard.target=(!(objectClass=org.osgi.service.servlet.runtime.HttpServiceRuntime))" })
public class TwilioJavaxWebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TwilioWebhooks webhooks;

    @Activate
    public TwilioJavaxWebhookServlet(@Reference TwilioWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WebhookCall.Endpoint endpoint = WebhookCall.Endpoint.of(req.getServletPath());
        if (endpoint == null) {
            resp.sendError(404);
            return;
        }
        // the raw body and the raw query: getParameter() would mix them and decode the query
        WebhookAnswer answer = webhooks.handle(new WebhookCall(endpoint, req.getMethod(), req.getQueryString(),
                req.getContentType(), req.getHeader("X-Twilio-Signature"), WebhookCall.readBody(req.getInputStream())));
        if (answer.allow() != null) {
            resp.setHeader("Allow", answer.allow());
        }
        resp.setStatus(answer.status());
        resp.setContentType(answer.contentType());
        byte[] out = answer.body();
        resp.setContentLength(out.length);
        resp.getOutputStream().write(out);
    }
}
