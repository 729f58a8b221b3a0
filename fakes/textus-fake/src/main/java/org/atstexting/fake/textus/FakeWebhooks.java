package org.atstexting.fake.textus;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.gson.JsonObject;

/**
 * Webhook deliveries: the body POSTed as JSON to each subscribed integration's
 * {@code config.baseUrl}, signed with {@code X-TextUs-Signature} = lowercase hex
 * HMAC-SHA256(webhook secret, raw body). Deliveries are made at once, on the caller's thread
 * (tests see the outcome when the call returns), and not retried (TextUs's retry policy is
 * unconfirmed: the provider polls as the safety net).
 */
final class FakeWebhooks {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEPT = 10_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<WebhookAttempt> attempts = new ArrayList<>();

    static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The signature TextUs sends: lowercase hex HMAC-SHA256 of the raw body. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    void deliver(List<FakeStore.Integration> to, JsonObject delivery) {
        for (FakeStore.Integration integration : to) {
            delivery.addProperty("webHook", integration.id());
            byte[] body = delivery.toString().getBytes(StandardCharsets.UTF_8);
            String signature = sign(integration.secret(), body);
            int status;
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(integration.baseUrl()))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                        .header("X-TextUs-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                status = r.statusCode();
            } catch (IOException | IllegalArgumentException e) {
                status = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status = -1;
            }
            record(new WebhookAttempt(integration.baseUrl(), delivery.get("action").getAsString(),
                    new String(body, StandardCharsets.UTF_8), signature, status));
        }
    }

    private synchronized void record(WebhookAttempt attempt) {
        if (attempts.size() >= KEPT) {
            attempts.remove(0);
        }
        attempts.add(attempt);
    }

    synchronized List<WebhookAttempt> attempts() {
        return List.copyOf(attempts);
    }

    synchronized void clear() {
        attempts.clear();
    }
}
