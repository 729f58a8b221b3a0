package org.atstexting.texting.twilio.internal.webhook;

import org.atstexting.texting.provider.support.webhook.javax.JavaxWebhookServlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import javax.servlet.Servlet;

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
public class TwilioJavaxWebhookServlet extends JavaxWebhookServlet {

    private static final long serialVersionUID = 1L;

    @Activate
    public TwilioJavaxWebhookServlet(@Reference TwilioWebhooks webhooks) {
        super(new TwilioWebhookExchange(webhooks));
    }
}
