package org.atstexting.fake.twilio;

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

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The fake outside OSGi: the JDK's HTTP server on 127.0.0.1 with an ephemeral port, for unit
 * tests. The API lives under {@link #baseUri()}, e.g. {@code http://127.0.0.1:54321/twilio-fake/}.
 * In OSGi the whiteboard servlet serves the fake instead.
 */
public final class StandaloneTwilioFake implements TwilioFake, AutoCloseable {

    static {
        // the JDK server writes headers and body apart; with Nagle on, each answer can wait for
        // the client's delayed ACK (tens of ms), which a walk over hundreds of pages would pay each time
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final TwilioFakeEngine engine = new TwilioFakeEngine();
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI baseUri;

    private StandaloneTwilioFake() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "twilio-fake");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH);
    }

    /** Starts a fake on 127.0.0.1 with an ephemeral port and no accounts. */
    public static StandaloneTwilioFake start() throws IOException {
        return new StandaloneTwilioFake();
    }

    /** The API base, ending with {@code /}. */
    public URI baseUri() {
        return baseUri;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getRawPath();
            FakeResponse r;
            if (!path.startsWith(BASE_PATH)) {
                r = new FakeResponse(404, "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
            } else {
                r = engine.handle(exchange.getRequestMethod(), path.substring(BASE_PATH.length() - 1),
                        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                        body);
            }
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(r.status(), out.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(out);
            }
        }
    }

    @Override
    public void close() {
        engine.shutdown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void addAccount(String accountSid, String authToken) {
        engine.addAccount(accountSid, authToken);
    }

    @Override
    public String deliverInbound(String accountSid, String from, String to, String body) {
        return engine.deliverInbound(accountSid, from, to, body);
    }

    @Override
    public List<String> deliverInbound(String accountSid, List<FakeInbound> texts, int perSecond) {
        return engine.deliverInbound(accountSid, texts, perSecond);
    }

    @Override
    public void setStatus(String messageSid, String status, Integer errorCode) {
        engine.setStatus(messageSid, status, errorCode);
    }

    @Override
    public void failNext(int status, int times) {
        engine.failNext(status, times);
    }

    @Override
    public void listLag(java.time.Duration lag) {
        engine.listLag(lag);
    }

    @Override
    public void sendThenFail(int times) {
        engine.sendThenFail(times);
    }

    @Override
    public List<FakeMessage> messages(String accountSid) {
        return engine.messages(accountSid);
    }

    @Override
    public List<FakeMessage> sent() {
        return engine.sent();
    }

    @Override
    public List<FakeCall> calls() {
        return engine.calls();
    }

    @Override
    public void reset() {
        engine.reset();
    }

    @Override
    public void addMessagingService(String accountSid, String serviceSid, String senderNumber) {
        engine.addMessagingService(accountSid, serviceSid, senderNumber);
    }

    @Override
    public void setIncomingUrl(String number, String url) {
        engine.setIncomingUrl(number, url);
    }

    @Override
    public String deliverInbound(String accountSid, FakeInbound text) {
        return engine.deliverInbound(accountSid, text);
    }

    @Override
    public void optOut(String accountSid, String number) {
        engine.optOut(accountSid, number);
    }

    @Override
    public void failNext(int status, int code, int times) {
        engine.failNext(status, code, times);
    }

    @Override
    public void webhookFault(WebhookFault fault) {
        engine.webhookFault(fault);
    }

    @Override
    public void releaseWebhooks(boolean reversed) {
        engine.releaseWebhooks(reversed);
    }

    @Override
    public List<FakeWebhook> webhooks() {
        return engine.webhooks();
    }

    @Override
    public void setAutoAdvance(boolean on) {
        engine.setAutoAdvance(on);
    }

    @Override
    public FakeMessage message(String sid) {
        return engine.message(sid);
    }
}
