package org.atstexting.texting.twilio.internal.webhook;

import org.atstexting.texting.provider.support.webhook.jakarta.JakartaWebhookServlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/**
 * Twilio's webhooks on a Jakarta Http Whiteboard (OSGi R8, Servlet 5+), at
 * {@code /twilio/inbound} and {@code /twilio/status}; the work is {@link TwilioWebhooks}'.
 * It needs no HTTP runtime, so bnd writes no requirement for one: without a whiteboard the
 * provider installs and polls. Its class, which needs the optionally imported
 * {@code jakarta.servlet}, loads only when a Jakarta whiteboard gets the service.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/twilio/inbound",
        "osgi.http.whiteboard.servlet.pattern=/twilio/status",
        "osgi.http.whiteboard.servlet.name=twilio-webhook" })
public class TwilioWebhookServlet extends JakartaWebhookServlet {

    private static final long serialVersionUID = 1L;

    @Activate
    public TwilioWebhookServlet(@Reference TwilioWebhooks webhooks) {
        super(new TwilioWebhookExchange(webhooks));
    }
}
