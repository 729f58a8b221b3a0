package org.atstexting.texting.zipwhip.internal;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.SandboxWebhook;
import org.atstexting.sandbox.zipwhip.SandboxWebhookDelivery;
import org.atstexting.sandbox.zipwhip.StandaloneSandboxServer;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.kit.ConformanceTarget;
import org.atstexting.texting.kit.WebhookLoopback;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.TextingProvider;

/**
 * The Zipwhip provider against the sandbox, with its webhook endpoint (the real
 * {@link ZipwhipWebhookExchange}) on a loopback server the sandbox posts to. Polls read at most
 * 2 pages of 5 messages.
 */
final class ZipwhipConformanceTarget implements ConformanceTarget {

    private static final String ALICE = "2065550101";
    private static final ProviderCredentials CREDENTIALS = new ProviderCredentials(ALICE, "+12065550101",
            "sandbox-alice");
    private static final String PHONE = "+12065550123";
    private static final int PAGE_SIZE = 5;
    private static final int PAGES = 2;

    private final StandaloneSandboxServer sandbox;
    private final WebhookLoopback webhook;
    private final ZipwhipInbound inbound;
    private final ZipwhipProvider provider;

    ZipwhipConformanceTarget(ProviderCallback callback, File dir) throws Exception {
        sandbox = StandaloneSandboxServer.start();
        sandbox.addAccount(ALICE, "sandbox-alice");
        inbound = new ZipwhipInbound(new File(dir, "zipwhip-webhooks.properties"));
        inbound.setCallback(callback);
        ZipwhipWebhookExchange exchange = new ZipwhipWebhookExchange(inbound);
        webhook = WebhookLoopback.serve(ZipwhipClient.WEBHOOK_PATH, exchange);
        // polling only until a push is asked for: texts delivered for a poll must not arrive by webhook
        provider = new ZipwhipProvider(config(""), inbound);
    }

    private ZipwhipConfiguration config(String callbackBaseUrl) {
        return Configs.of("enabled", true, "apiBaseUrl", sandbox.baseUri().toString(), "connectTimeoutSeconds", 1,
                "responseTimeoutSeconds", 1, "maxAttempts", 3, "backoffMillis", 50, "sendRatePerSecond", 0,
                "pageSize", PAGE_SIZE, "maxPagesPerPoll", PAGES, "callbackBaseUrl", callbackBaseUrl);
    }

    @Override
    public String providerKey() {
        return ZipwhipProvider.KEY;
    }

    @Override
    public TextingProvider provider() {
        return provider;
    }

    @Override
    public ProviderCredentials credentials() {
        return CREDENTIALS;
    }

    @Override
    public ProviderCredentials wrongPassword() {
        return new ProviderCredentials(ALICE, CREDENTIALS.phoneNumber(), "not-alices-password");
    }

    @Override
    public String phone() {
        return PHONE;
    }

    @Override
    public void makeUnreachable() {
        sandbox.close();
    }

    @Override
    public List<String> sentBodies() {
        return sandbox.sent().stream().map(SandboxMessage::body).toList();
    }

    @Override
    public void deliverInbound(List<String> bodies) {
        bodies.forEach(b -> sandbox.deliverReply(PHONE, ALICE, b));
    }

    @Override
    public int inboundPerPoll() {
        return PAGE_SIZE * PAGES;
    }

    @Override
    public void loseNextSendAnswer() {
        sandbox.injectFault("message/send", Fault.SEND_THEN_FAIL, 1);
    }

    @Override
    public void throttleNextSend(int retryAfterSeconds) {
        sandbox.injectRateLimit("message/send", retryAfterSeconds, 1);
    }

    @Override
    public void moveStatus(String providerMessageId, DeliveryStatus status) {
        sandbox.setStatus(Long.parseLong(providerMessageId), switch (status) {
            case FAILED -> "ERROR";
            default -> status.name();
        });
    }

    /**
     * The sandbox fails a text with {@code statusCode} 1, {@code statusDesc} "Error" (zipwhip-api.md
     * names the fields, not their codes): a code we cannot read, kept for support.
     */
    @Override
    public DeliveryFailure failure() {
        return new DeliveryFailure(DeliveryFailure.Reason.UNKNOWN, "1", "Error");
    }

    @Override
    public int push(String body, boolean genuine) throws Exception {
        // webhooks on: the provider installs its webhook with the session; a poll starts one
        provider.modified(config(webhook.baseUrl()));
        provider.fetchInbound(CREDENTIALS, null);
        provider.awaitBackground();
        SandboxWebhook installed = sandbox.webhooks(ALICE).stream().filter(w -> "receive".equals(w.event()))
                .findFirst().orElseThrow(() -> new AssertionError("no receive webhook installed"));
        if (genuine) {
            int before = sandbox.webhookDeliveries().size();
            long id = sandbox.deliverReply(PHONE, ALICE, body).id();
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (SandboxWebhookDelivery d : sandbox.webhookDeliveries().subList(before,
                        sandbox.webhookDeliveries().size())) {
                    if (d.messageId() == id && "receive".equals(d.event())) {
                        return d.status();
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("the sandbox did not post its webhook");
        }
        String forgedUrl = installed.url().replaceAll("secret=[^&]*", "secret=forged");
        String json = "{\"id\":987654321,\"type\":\"MO\",\"address\":\"ptn:/2065550123\",\"sourceAddress\":\"2065550123\","
                + "\"destAddress\":\"" + ALICE + "\",\"body\":\"" + body + "\",\"dateCreated\":\"2026-01-01T10:00:00Z\"}";
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(forgedUrl))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void close() {
        provider.deactivate();
        webhook.close();
        sandbox.close();
    }
}
