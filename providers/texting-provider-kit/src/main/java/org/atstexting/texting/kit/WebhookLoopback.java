package org.atstexting.texting.kit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.atstexting.texting.provider.support.webhook.WebhookHandler;
import org.atstexting.texting.provider.support.webhook.WebhookReply;
import org.atstexting.texting.provider.support.webhook.WebhookRequest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A provider's webhook handler (the one its servlets serve) on the JDK's HTTP server on a free
 * loopback port, for tests: the fake posts to {@link #baseUrl()} + the handler's path, and the
 * handler sees what a servlet would hand it (the raw path as servlet path, the raw query).
 */
public final class WebhookLoopback implements AutoCloseable {

    private final HttpServer server;

    private WebhookLoopback(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code handler} for every path under {@code pathPrefix} (e.g. {@code /twilio/}). */
    public static WebhookLoopback serve(String pathPrefix, WebhookHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(pathPrefix, exchange -> answer(exchange, handler));
        server.start();
        return new WebhookLoopback(server);
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, WebhookHandler handler) throws IOException {
        try (exchange) {
            String rawQuery = exchange.getRequestURI().getRawQuery();
            WebhookReply reply = handler.handle(new WebhookRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), rawQuery,
                    exchange.getRequestHeaders().getFirst("Content-Type"), name -> queryParameter(rawQuery, name),
                    exchange.getRequestHeaders()::getFirst, exchange.getRequestBody()));
            byte[] out = reply.body();
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            if (reply.allow() != null) {
                exchange.getResponseHeaders().set("Allow", reply.allow());
            }
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
