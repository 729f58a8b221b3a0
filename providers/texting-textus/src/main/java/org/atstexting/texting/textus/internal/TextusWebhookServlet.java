package org.atstexting.texting.textus.internal;

import org.atstexting.texting.provider.support.webhook.jakarta.JakartaWebhookServlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;

/**
 * TextUs's webhook endpoint on a Jakarta Http Whiteboard (OSGi R8, Servlet 5+; e.g. Felix HTTP
 * Jetty 12), at {@value TextusWebhookExchange#PATH}; the work is {@link TextusWebhookExchange}'s.
 * It needs no HTTP runtime to be satisfied, so the provider installs (and polls) where there is
 * no whiteboard, or only a javax one ({@link TextusJavaxWebhookServlet}); its class, which needs
 * the optionally imported {@code jakarta.servlet}, loads only when a Jakarta whiteboard gets it.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + TextusWebhookExchange.PATH,
        "osgi.http.whiteboard.servlet.name=textus-webhook" })
public class TextusWebhookServlet extends JakartaWebhookServlet {

    private static final long serialVersionUID = 1L;

    @Activate
    public TextusWebhookServlet(@Reference TextusInbound inbound) {
        super(new TextusWebhookExchange(inbound));
    }
}
