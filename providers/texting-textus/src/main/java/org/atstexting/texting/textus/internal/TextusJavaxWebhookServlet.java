package org.atstexting.texting.textus.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

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
public class TextusJavaxWebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TextusWebhookExchange exchange;

    @Activate
    public TextusJavaxWebhookServlet(@Reference TextusInbound inbound) {
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
