package org.atstexting.sandbox.zipwhip.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.atstexting.sandbox.zipwhip.SandboxWebhook;
import org.atstexting.sandbox.zipwhip.SandboxWebhookDelivery;

/**
 * POSTs webhook events, as Zipwhip would: {@code application/json; charset=UTF-8}, the body
 * being the message object, one after the other on one background thread in the order they
 * happened, no retries, no signature (zipwhip-api.md documents none). Keeps the newest
 * {@link #MAX_DELIVERIES} deliveries for tests. Thread-safe.
 */
final class WebhookPoster {

    static final int MAX_DELIVERIES = 10_000;

    /** Daemon, so it never holds up a JVM. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zipwhip-sandbox webhooks");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    // guarded by this
    private final Deque<SandboxWebhookDelivery> deliveries = new ArrayDeque<>();

    /** Queues one POST per webhook; the caller decides the order by calling in order. */
    void post(List<SandboxWebhook> hooks, String event, long messageId, String body) {
        for (SandboxWebhook hook : hooks) {
            try {
                sender.execute(() -> send(hook, event, messageId, body));
            } catch (RejectedExecutionException stopped) {
                return;
            }
        }
    }

    private void send(SandboxWebhook hook, String event, long messageId, String body) {
        int status;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            status = -1; // the receiver could not be reached; like Zipwhip, the sandbox does not say why
        }
        synchronized (this) {
            deliveries.addLast(new SandboxWebhookDelivery(hook.id(), event, messageId, status, hook.url(), body));
            if (deliveries.size() > MAX_DELIVERIES) {
                deliveries.removeFirst();
            }
        }
    }

    synchronized List<SandboxWebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized void clear() {
        deliveries.clear();
    }

    void shutdown() {
        sender.shutdownNow();
    }
}
