package org.atstexting.texting.zipwhip.internal;

import org.atstexting.texting.provider.support.webhook.jakarta.JakartaWebhookServlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/**
 * Zipwhip's webhook endpoint on a Jakarta Http Whiteboard (OSGi R8, Servlet 5+; e.g. Felix
 * HTTP Jetty 12), at {@value ZipwhipClient#WEBHOOK_PATH}; the work is {@link ZipwhipWebhookExchange}'s.
 * <p>
 * It needs no HTTP runtime to be satisfied, so bnd writes no service requirement for one and
 * the provider installs (and polls) where there is no whiteboard, or only a javax one (Karaf's
 * Pax Web 8, served by {@link ZipwhipJavaxWebhookServlet}). Its class, which needs the
 * optionally imported {@code jakarta.servlet}, is only loaded when a Jakarta whiteboard gets
 * the service: Declarative Services registers a delayed component by name.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + ZipwhipClient.WEBHOOK_PATH,
        "osgi.http.whiteboard.servlet.name=zipwhip-webhook" })
public class ZipwhipWebhookServlet extends JakartaWebhookServlet {

    private static final long serialVersionUID = 1L;

    @Activate
    public ZipwhipWebhookServlet(@Reference ZipwhipInbound inbound) {
        super(new ZipwhipWebhookExchange(inbound));
    }
}
