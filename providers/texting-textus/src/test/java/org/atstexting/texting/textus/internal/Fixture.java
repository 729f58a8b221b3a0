package org.atstexting.texting.textus.internal;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.atstexting.fake.textus.StandaloneTextusFake;
import org.atstexting.texting.kit.WebhookLoopback;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.StatusUpdate;

/**
 * A provider wired to a standalone fake, with the webhook endpoint served by the JDK's HTTP
 * server in front of the real {@link TextusWebhookExchange}, and the core's callback recorded.
 */
final class Fixture implements AutoCloseable {

    static final String ACCOUNT = "acme";
    static final String NUMBER = "+12065550100";
    static final ProviderCredentials ALICE = new ProviderCredentials("alice_r", NUMBER, "tok-alice");

    /** What the provider handed to the core. */
    static final class Callback implements ProviderCallback {
        final List<InboundText> received = new ArrayList<>();
        final List<StatusUpdate> statuses = new ArrayList<>();
        final List<String> consent = new ArrayList<>();

        @Override
        public synchronized void received(String provider, InboundText text) {
            received.add(text);
        }

        @Override
        public synchronized void statusChanged(String provider, StatusUpdate update) {
            statuses.add(update);
        }

        @Override
        public synchronized void optedOut(String provider, String number, String account, String cause) {
            consent.add("out " + number);
        }

        @Override
        public synchronized void optedIn(String provider, String number, String account, String cause) {
            consent.add("in " + number);
        }
    }

    final StandaloneTextusFake fake;
    final WebhookLoopback webhook;
    final TextusInbound inbound;
    final Callback callback = new Callback();
    final TextusProvider provider;
    final String callbackBase;

    Fixture(Path dir, Map<String, Object> overrides) throws IOException {
        fake = StandaloneTextusFake.start();
        fake.engine().addAccount(ACCOUNT, NUMBER);
        fake.engine().addUser(ACCOUNT, "alice_r", "tok-alice");
        fake.engine().addUser("other", "olga", "tok-olga");
        inbound = new TextusInbound(dir.resolve("secrets.properties").toFile());
        inbound.setCallback(callback);
        webhook = WebhookLoopback.serve(TextusWebhookExchange.PATH, new TextusWebhookExchange(inbound));
        callbackBase = webhook.baseUrl();
        Map<String, Object> values = new HashMap<>();
        values.put("enabled", true);
        values.put("apiBaseUrl", fake.baseUri().toString());
        values.put("accountSlug", ACCOUNT);
        values.put("callbackBaseUrl", callbackBase);
        values.put("responseTimeoutSeconds", 2);
        values.putAll(overrides);
        provider = new TextusProvider(config(values), inbound);
    }

    /** The Metatype defaults, with some values set. */
    static TextusConfiguration config(Map<String, Object> values) {
        return (TextusConfiguration) Proxy.newProxyInstance(TextusConfiguration.class.getClassLoader(),
                new Class<?>[] { TextusConfiguration.class }, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    return method.getDefaultValue();
                });
    }

    /** Webhook calls straight to the endpoint, as TextUs or a forger would make them. */
    int post(byte[] body, String signature) throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(callbackBase + TextusWebhookExchange.PATH))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header(TextusWebhookExchange.SIGNATURE_HEADER, signature);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        provider.deactivate();
        webhook.close();
        fake.close();
    }
}
