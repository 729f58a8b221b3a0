package org.atstexting.texting.textus.internal;

import org.atstexting.texting.provider.support.webhook.javax.JavaxWebhookServlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import javax.servlet.Servlet;

/**
 * TextUs's webhook endpoint on a javax Http Whiteboard (OSGi R7, Servlet 3.1/4; e.g. Karaf's
 * Pax Web 8), at {@value TextusWebhookExchange#PATH}; the work is {@link TextusWebhookExchange}'s.
 * A runtime that is a Jakarta whiteboard too is left to {@link TextusWebhookServlet}
 * ({@code osgi.http.whiteboard.target}), so one path never has two servlets.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + TextusWebhookExchange.PATH,
        "osgi.http.whiteboard.servlet.name=textus-webhook",
        "osgi.http.whiteboard.target=(!(objectClass=org.osgi.service.servlet.runtime.HttpServiceRuntime))" })
public class TextusJavaxWebhookServlet extends JavaxWebhookServlet {

    private static final long serialVersionUID = 1L;

    @Activate
    public TextusJavaxWebhookServlet(@Reference TextusInbound inbound) {
        super(new TextusWebhookExchange(inbound));
    }
}
