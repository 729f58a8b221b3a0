package org.atstexting.texting.twilio.internal.webhook;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.StatusUpdate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Our webhook endpoints on the JDK's HTTP server (as the servlets hand calls over: raw query,
 * raw body, the signature header) and a core that records what it was handed.
 */
final class WebhookHarness implements AutoCloseable {

    /** What the core was handed. */
    static final class Core implements ProviderCallback {
        final List<InboundText> received = new CopyOnWriteArrayList<>();
        final List<StatusUpdate> statuses = new CopyOnWriteArrayList<>();
        final List<String> optOuts = new CopyOnWriteArrayList<>();

        @Override
        public void received(String provider, InboundText text) {
            received.add(text);
        }

        @Override
        public void statusChanged(String provider, StatusUpdate update) {
            statuses.add(update);
        }

        @Override
        public void optedOut(String provider, String number, String account, String cause) {
            optOuts.add("out " + number);
        }

        @Override
        public void optedIn(String provider, String number, String account, String cause) {
            optOuts.add("in " + number);
        }
    }

    private final HttpServer server;
    private volatile TwilioWebhooks webhooks;

    WebhookHarness(TwilioWebhooks webhooks) throws IOException {
        this.webhooks = webhooks;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/twilio/", this::serve);
        server.start();
    }

    /** Another webhooks instance behind the same URL (a restart of the node). */
    void use(TwilioWebhooks replacement) {
        this.webhooks = replacement;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            WebhookCall.Endpoint endpoint = WebhookCall.Endpoint.of(exchange.getRequestURI().getRawPath());
            WebhookAnswer answer = endpoint == null ? WebhookAnswer.refused(404, "no")
                    : webhooks.handle(new WebhookCall(endpoint, exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Content-Type"),
                            exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                            WebhookCall.readBody(exchange.getRequestBody())));
            byte[] out = answer.body();
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
