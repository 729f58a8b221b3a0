package org.atstexting.texting.textus.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
public class TextusWebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TextusWebhookExchange exchange;

    @Activate
    public TextusWebhookServlet(@Reference TextusInbound inbound) {
        this.exchange = new TextusWebhookExchange(inbound);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        TextusWebhookExchange.Answer answer = exchange.handle(req.getMethod(),
                req.getHeader(TextusWebhookExchange.SIGNATURE_HEADER), req.getInputStream());
        if (answer.allow() != null) {
            resp.setHeader("Allow", answer.allow());
        }
        resp.setStatus(answer.status());
        resp.setContentType("text/plain;charset=UTF-8");
        byte[] out = answer.body();
        resp.setContentLength(out.length);
        resp.getOutputStream().write(out);
    }
}
