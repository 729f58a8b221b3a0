package org.atstexting.sandbox.zipwhip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.atstexting.sandbox.zipwhip.internal.SandboxEngine;
import org.atstexting.sandbox.zipwhip.internal.SandboxResponse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The sandbox outside OSGi: the JDK's HTTP server on 127.0.0.1 with an ephemeral port, for
 * unit tests and benchmarks. The API lives under {@link #baseUri()}, e.g.
 * {@code http://127.0.0.1:54321/zipwhip-sandbox/}; POST {@code baseUri().resolve("user/login")}.
 * Starts with no accounts: call {@link #addAccount(String, String)}.
 * <p>
 * In OSGi the whiteboard servlet serves the sandbox instead; this class needs the
 * {@code com.sun.net.httpserver} package, which the bundle imports optionally.
 */
public final class StandaloneSandboxServer implements ZipwhipSandbox, AutoCloseable {

    private final SandboxEngine engine = new SandboxEngine();
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;

    static {
        // the JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK hold every answer back ~40 ms (read once, when the server class loads)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private StandaloneSandboxServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger n = new AtomicInteger();
        // unbounded: SLOW faults park a thread for 3 s and must not starve other requests
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "zipwhip-sandbox-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH);
    }

    /**
     * Starts a sandbox server on 127.0.0.1 with an ephemeral port.
     *
     * @return the running server; {@link #close()} it
     * @throws IOException if the server cannot bind
     */
    public static StandaloneSandboxServer start() throws IOException {
        return new StandaloneSandboxServer();
    }

    /** @return where the API methods live, e.g. {@code http://127.0.0.1:54321/zipwhip-sandbox/} */
    public URI baseUri() {
        return baseUri;
    }

    /** Stops the server at once; requests in progress are cut off. */
    @Override
    public void close() {
        server.stop(0);
        engine.shutdown();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String methodPath = path != null && path.startsWith(BASE_PATH) ? path.substring(BASE_PATH.length()) : null;
            SandboxResponse r;
            // the engine reads at most its cap; closing the exchange drains a little and then drops the connection
            try (InputStream in = exchange.getRequestBody()) {
                r = engine.handle(exchange.getRequestMethod(), methodPath,
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        contentLength(exchange.getRequestHeaders().getFirst("Content-Length")), in);
            }
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", r.contentType());
            r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (r.status() == 413) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(r.status(), head ? -1 : out.length);
            if (!head) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String basePath() {
        return engine.basePath();
    }

    @Override
    public void addAccount(String username, String password) {
        engine.addAccount(username, password);
    }

    @Override
    public List<SandboxCall> calls() {
        return engine.calls();
    }

    @Override
    public List<SandboxCall> calls(String method) {
        return engine.calls(method);
    }

    @Override
    public List<SandboxMessage> messages(String username) {
        return engine.messages(username);
    }

    @Override
    public List<SandboxMessage> sent() {
        return engine.sent();
    }

    @Override
    public SandboxMessage deliverReply(String from, String toAccountUsername, String body) {
        return engine.deliverReply(from, toAccountUsername, body);
    }

    @Override
    public void setStatus(long messageId, String transmissionState) {
        engine.setStatus(messageId, transmissionState);
    }

    @Override
    public void injectFault(String method, Fault fault, int times) {
        engine.injectFault(method, fault, times);
    }

    @Override
    public List<SandboxWebhook> webhooks(String username) {
        return engine.webhooks(username);
    }

    @Override
    public void removeWebhooks(String username) {
        engine.removeWebhooks(username);
    }

    @Override
    public List<SandboxWebhookDelivery> webhookDeliveries() {
        return engine.webhookDeliveries();
    }

    @Override
    public void clearFaults() {
        engine.clearFaults();
    }

    @Override
    public void reset() {
        engine.reset();
    }

    @Override
    public void injectRateLimit(String method, int retryAfterSeconds, int times) {
        engine.injectRateLimit(method, retryAfterSeconds, times);
    }

    @Override
    public void expireSessions(String username) {
        engine.expireSessions(username);
    }

    @Override
    public void setPasswordChangeEndsSessions(boolean ends) {
        engine.setPasswordChangeEndsSessions(ends);
    }

    @Override
    public void setOutboundAddressesEmpty(boolean empty) {
        engine.setOutboundAddressesEmpty(empty);
    }

    @Override
    public void setDateStyle(DateStyle style) {
        engine.setDateStyle(style);
    }

    @Override
    public void refuseWebhookEvents(java.util.Set<String> events) {
        engine.refuseWebhookEvents(events);
    }

    @Override
    public void setWebhooksSurviveSessions(boolean survive) {
        engine.setWebhooksSurviveSessions(survive);
    }

    @Override
    public void restart() {
        engine.restart();
    }
}
