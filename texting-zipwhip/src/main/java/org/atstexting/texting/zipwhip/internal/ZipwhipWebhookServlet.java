package org.atstexting.texting.zipwhip.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Zipwhip's webhook endpoint on the Http Whiteboard (2.0, jakarta), at
 * {@value ZipwhipClient#WEBHOOK_PATH}: Zipwhip POSTs one message object (JSON) per event to
 * {@code <callback base URL>/zipwhip/webhook?account=<username>&secret=<secret>}.
 * <ul>
 * <li>wrong or missing secret: 403; not a message object: 400; not POST: 405; body over 64 KiB: 413;</li>
 * <li>a message id (and status) already handed over: 200, ignored (Zipwhip retries webhooks);</li>
 * <li>provider disabled or the core's callback away: 503, so Zipwhip tries again later (and
 * polling reads it anyway); the core failing: 500.</li>
 * </ul>
 * The component waits for an {@link HttpServiceRuntime} (referenced by name only), so in a
 * host without an Http Whiteboard it stays unsatisfied and its class, which needs the
 * optionally imported Servlet API, is never loaded. Nothing here logs the query string.
 */
@Component(service = Servlet.class,
        property = {
                "osgi.http.whiteboard.servlet.pattern=" + ZipwhipClient.WEBHOOK_PATH,
                "osgi.http.whiteboard.servlet.name=zipwhip-webhook" },
        reference = @Reference(name = "httpRuntime", service = HttpServiceRuntime.class))
public class ZipwhipWebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final transient ZipwhipInbound inbound;

    @Activate
    public ZipwhipWebhookServlet(@Reference ZipwhipInbound inbound) {
        this.inbound = inbound;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"POST".equals(req.getMethod())) {
            resp.setHeader("Allow", "POST");
            answer(resp, 405, "only POST");
            return;
        }
        byte[] body;
        try (InputStream in = req.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            answer(resp, 413, "too large");
            return;
        }
        ZipwhipInbound.Outcome outcome = inbound.onWebhook(req.getParameter("account"), req.getParameter("secret"),
                new String(body, StandardCharsets.UTF_8));
        answer(resp, outcome.httpStatus, outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static void answer(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/plain;charset=UTF-8");
        byte[] out = (text + "\n").getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(out.length);
        resp.getOutputStream().write(out);
    }
}
