package org.atstexting.fake.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calls webhooks as Twilio does: a form POST signed with {@code X-Twilio-Signature} (HMAC-SHA1
 * under the account's Auth Token of the URL followed by every parameter, sorted by name, name
 * then value; Base64). Written here from Twilio's description, independently of the
 * provider's validator. Calls go out one at a time on a thread of their own, after the
 * change that caused them is stored, and may be duplicated, forged, unsigned or held back
 * ({@link WebhookFault}).
 */
final class FakeWebhooks {

    private record Pending(String url, Map<String, List<String>> params, String signature) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "twilio-fake webhooks");
        t.setDaemon(true);
        return t;
    });
    private final List<FakeWebhook> made = new ArrayList<>();
    private final List<Pending> held = new ArrayList<>();
    private volatile WebhookFault fault = WebhookFault.NONE;

    void fault(WebhookFault newFault) {
        this.fault = newFault == null ? WebhookFault.NONE : newFault;
    }

    /** Posts {@code params} to {@code url}, signed with {@code authToken} (or as the fault says). */
    void call(String url, Map<String, List<String>> params, String authToken) {
        WebhookFault now = fault;
        String signature = switch (now) {
            case UNSIGNED -> null;
            case FORGED -> sign("not-the-auth-token", url, params);
            default -> sign(authToken, url, params);
        };
        Pending pending = new Pending(url, params, signature);
        if (now == WebhookFault.HOLD) {
            synchronized (this) {
                held.add(pending);
            }
            return;
        }
        submit(pending);
        if (now == WebhookFault.DUPLICATE) {
            submit(pending);
        }
    }

    /** Sends what was held back, in the order it was held or the reverse. */
    void release(boolean reversed) {
        List<Pending> out;
        synchronized (this) {
            out = new ArrayList<>(held);
            held.clear();
        }
        if (reversed) {
            Collections.reverse(out);
        }
        out.forEach(this::submit);
    }

    synchronized List<FakeWebhook> made() {
        List<FakeWebhook> all = new ArrayList<>(made);
        held.forEach(p -> all.add(new FakeWebhook(p.url(), p.params(), p.signature(), 0)));
        return all;
    }

    synchronized void clear() {
        made.clear();
        held.clear();
        fault = WebhookFault.NONE;
    }

    void close() {
        sender.shutdownNow();
    }

    private void submit(Pending p) {
        sender.execute(() -> {
            int answer;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(p.url())).timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                        .header("I-Twilio-Idempotency-Token", Integer.toHexString(p.hashCode()))
                        .POST(HttpRequest.BodyPublishers.ofString(form(p.params()), StandardCharsets.UTF_8));
                if (p.signature() != null) {
                    request.header("X-Twilio-Signature", p.signature());
                }
                answer = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException | IllegalArgumentException e) {
                answer = -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                made.add(new FakeWebhook(p.url(), p.params(), p.signature(), answer));
            }
        });
    }

    private static String form(Map<String, List<String>> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, values) -> values.forEach(v -> {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(FakeForms.encode(name)).append('=').append(FakeForms.encode(v));
        }));
        return out.toString();
    }

    /** Twilio's signature: URL, then each parameter by sorted name (values sorted), HMAC-SHA1, Base64. */
    static String sign(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, values) -> values.stream().sorted()
                .forEach(v -> data.append(name).append(v)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
