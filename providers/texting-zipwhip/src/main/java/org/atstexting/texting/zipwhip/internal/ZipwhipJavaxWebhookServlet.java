package org.atstexting.texting.zipwhip.internal;

import javax.servlet.Servlet;

import org.atstexting.texting.provider.support.webhook.javax.JavaxWebhookServlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Zipwhip's webhook endpoint on a javax Http Whiteboard (OSGi R7, Servlet 3.1/4; e.g. Karaf's
 * {@code http-whiteboard}, Pax Web 8), at {@value ZipwhipClient#WEBHOOK_PATH}; the work is
 * {@link ZipwhipWebhookExchange}'s, as for {@link ZipwhipWebhookServlet}.
 * <p>
 * Like that one it needs no HTTP runtime, and its class (which needs the optionally imported
 * {@code javax.servlet}) loads only when a javax whiteboard gets the service. A runtime that
 * is a Jakarta whiteboard too (Felix HTTP can serve both) is left to the Jakarta servlet
 * ({@code osgi.http.whiteboard.target}), so one path never has two servlets.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=" + ZipwhipClient.WEBHOOK_PATH,
        "osgi.http.whiteboard.servlet.name=zipwhip-webhook",
        "osgi.http.whiteboard.target=(!(objectClass=org.osgi.service.servlet.runtime.HttpServiceRuntime))" })
public class ZipwhipJavaxWebhookServlet extends JavaxWebhookServlet {

    private static final long serialVersionUID = 1L;

    @Activate
    public ZipwhipJavaxWebhookServlet(@Reference ZipwhipInbound inbound) {
        super(new ZipwhipWebhookExchange(inbound));
    }
}
