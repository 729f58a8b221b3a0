package org.atstexting.fake.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake outside OSGi: the JDK's HTTP server on 127.0.0.1 with an ephemeral port (so parallel
 * builds never collide), for unit tests and benchmarks. Requests under the base path go to the
 * fake's {@link FakeHandler}; anything else is 404. Threads are unbounded and daemon: a "slow"
 * fault parks one without starving the others, and a forgotten server never holds up a JVM.
 * <p>
 * Needs {@code com.sun.net.httpserver}, which a fake bundle imports optionally: in OSGi the
 * whiteboard servlet ({@link FakeServlet}) serves the fake instead.
 */
public final class LoopbackServer implements AutoCloseable {

    static {
        // the JDK server writes headers and body apart; without TCP_NODELAY, Nagle's algorithm and the
        // client's delayed ACK hold every answer back ~40 ms (read once, when the server class loads)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;
    private final String basePath;
    private final FakeHandler handler;

    private LoopbackServer(String basePath, String name, FakeHandler handler) throws IOException {
        this.basePath = basePath;
        this.handler = handler;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
    }

    /**
     * Starts a server.
     *
     * @param basePath where the fake's API lives, starting and ending with {@code /}, e.g. {@code /textus-fake/}
     * @param name     the threads' name
     */
    public static LoopbackServer start(String basePath, String name, FakeHandler handler) throws IOException {
        if (!basePath.startsWith("/") || !basePath.endsWith("/")) {
            throw new IllegalArgumentException("basePath must start and end with '/'");
        }
        return new LoopbackServer(basePath, name, handler);
    }

    /** Where the API lives, e.g. {@code http://127.0.0.1:54321/textus-fake/}. */
    public URI baseUri() {
        return baseUri;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            FakeAnswer answer;
            if (path == null || !path.startsWith(basePath)) {
                exchange.getRequestBody().close();
                answer = FakeAnswer.of(404, "text/plain; charset=utf-8", java.util.Map.of(), "not found", 0);
            } else {
                answer = handler.handle(new FakeRequest(exchange.getRequestMethod(),
                        path.substring(basePath.length() - 1), exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders()::getFirst,
                        contentLength(exchange.getRequestHeaders().getFirst("Content-Length")),
                        exchange.getRequestBody()));
            }
            pause(answer.delayMillis());
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (answer.close()) {
                exchange.getResponseHeaders().set("Connection", "close");
            }
            if (answer.body() == null || "HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(answer.status(), -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), answer.body().length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(answer.body());
            }
        }
    }

    static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the server at once; requests in progress are cut off. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
