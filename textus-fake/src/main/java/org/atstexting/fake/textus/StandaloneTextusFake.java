package org.atstexting.fake.textus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The fake outside OSGi: the JDK's HTTP server on 127.0.0.1 with an ephemeral port, for unit
 * tests; the API lives under {@link #baseUri()}, e.g. {@code http://127.0.0.1:54321/textus-fake/}.
 * {@link #engine()} sets it up and looks inside. In OSGi the whiteboard servlet serves it.
 */
public final class StandaloneTextusFake implements AutoCloseable {

    public static final String BASE_PATH = "/textus-fake/";

    static {
        // headers and body are written apart; without this each answer may wait for a delayed ACK
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final TextusFakeEngine engine = new TextusFakeEngine();
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;

    private StandaloneTextusFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "textus-fake");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH);
    }

    /** Starts a fake on 127.0.0.1 with an ephemeral port and no accounts. */
    public static StandaloneTextusFake start() throws IOException {
        return new StandaloneTextusFake();
    }

    /** The API base, ending with {@code /}. */
    public URI baseUri() {
        return baseUri;
    }

    public TextusFakeEngine engine() {
        return engine;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(TextusFakeEngine.MAX_BODY_BYTES + 1);
            }
            String path = exchange.getRequestURI().getRawPath();
            FakeResponse r = !path.startsWith(BASE_PATH)
                    ? new FakeResponse(404, "{\"code\":\"not_found\"}", java.util.Map.of(), 0)
                    : engine.handle(exchange.getRequestMethod(), path.substring(BASE_PATH.length() - 1),
                            exchange.getRequestURI().getRawQuery(),
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            exchange.getRequestHeaders().getFirst("Accept"),
                            exchange.getRequestHeaders().getFirst("Content-Type"), body);
            pause(r.delayMillis());
            r.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            if (r.body() == null) {
                exchange.sendResponseHeaders(r.status(), -1);
                return;
            }
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", r.body().startsWith("<")
                    ? "text/html; charset=utf-8" : TextusFakeEngine.MEDIA_TYPE + "; charset=utf-8");
            exchange.sendResponseHeaders(r.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
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

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
