package org.atstexting.texting.twilio.conformance;

import java.util.List;
import java.util.Map;

import org.atstexting.fake.twilio.FakeInbound;
import org.atstexting.fake.twilio.FakeMessage;
import org.atstexting.fake.twilio.FakeWebhook;
import org.atstexting.fake.twilio.StandaloneTwilioFake;
import org.atstexting.fake.twilio.WebhookFault;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.kit.Components;
import org.atstexting.texting.kit.ConformanceTarget;
import org.atstexting.texting.kit.WebhookLoopback;
import org.atstexting.texting.kit.SharedSecrets;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.TextingProvider;
import org.atstexting.texting.twilio.internal.TwilioProvider;
import org.atstexting.texting.twilio.internal.webhook.TwilioWebhooks;
import org.atstexting.texting.twilio.internal.webhook.TwilioWebhookExchange;

/**
 * The Twilio provider against the Twilio fake, built the way a third party's test would: only
 * the provider's public component classes, activated through the kit's {@link Components} (its
 * configuration type is not public), with its webhook endpoints ({@link TwilioWebhooks}) on a
 * loopback server the fake signs its calls for. Polls read at most 2 pages of 5 messages.
 */
final class TwilioConformanceTarget implements ConformanceTarget {

    private static final String SID = "AC00000000000000000000000000000101";
    private static final String TOKEN = "fake-token-alice";
    private static final String NUMBER = "+12065550101";
    private static final String PHONE = "+12065550123";
    private static final int PAGE_SIZE = 5;
    private static final int PAGES = 2;

    private final StandaloneTwilioFake fake;
    private final TwilioWebhooks webhooks = new TwilioWebhooks();
    private final WebhookLoopback endpoint;
    private final TwilioProvider provider;

    TwilioConformanceTarget(ProviderCallback callback) throws Exception {
        fake = StandaloneTwilioFake.start();
        fake.addAccount(SID, TOKEN);
        webhooks.setCallback(callback);
        endpoint = WebhookLoopback.serve("/twilio/", new TwilioWebhookExchange(webhooks));
        Class<?> configType = Class.forName("org.atstexting.texting.twilio.internal.TwilioConfiguration");
        Object config = Components.configuration(configType, Map.of("enabled", true,
                "apiBaseUrl", fake.baseUri().toString(), "connectTimeoutSeconds", 1, "responseTimeoutSeconds", 2,
                "pageSize", PAGE_SIZE, "maxPagesPerPoll", PAGES, "maxAttempts", 2, "retryBaseMillis", 50,
                "callbackBaseUrl", base()));
        provider = Components.activate(TwilioProvider.class, config, webhooks, new SharedSecrets());
    }

    private String base() {
        return endpoint.baseUrl();
    }

    @Override
    public String providerKey() {
        return "twilio";
    }

    @Override
    public TextingProvider provider() {
        return provider;
    }

    @Override
    public ProviderCredentials credentials() {
        return new ProviderCredentials(SID, NUMBER, TOKEN);
    }

    @Override
    public ProviderCredentials wrongPassword() {
        return new ProviderCredentials(SID, NUMBER, "not-alices-token");
    }

    @Override
    public String phone() {
        return PHONE;
    }

    @Override
    public void makeUnreachable() {
        fake.close();
    }

    @Override
    public List<String> sentBodies() {
        return fake.sent().stream().map(FakeMessage::body).toList();
    }

    @Override
    public void deliverInbound(List<String> bodies) {
        // dated as Twilio dates them (whole seconds), a few a second, in this order
        fake.deliverInbound(SID, bodies.stream().map(b -> new FakeInbound(PHONE, NUMBER, b)).toList(), 3);
    }

    @Override
    public int inboundPerPoll() {
        return PAGE_SIZE * PAGES;
    }

    @Override
    public void loseNextSendAnswer() {
        fake.sendThenFail(1);
    }

    @Override
    public void throttleNextSend(int retryAfterSeconds) {
        // 429 with Twilio's error 20429 for every attempt the provider's back-off makes
        fake.failNext(429, 20429, 2);
    }

    /** Retry-After on Twilio's 429 is unconfirmed (twilio-api.md), and the fake sends none. */
    @Override
    public boolean throttleSaysWhen() {
        return false;
    }

    @Override
    public void moveStatus(String providerMessageId, DeliveryStatus status) {
        switch (status) {
            case SENT -> fake.setStatus(providerMessageId, "sent", null);
            case DELIVERED -> fake.setStatus(providerMessageId, "delivered", null);
            case FAILED -> fake.setStatus(providerMessageId, "undelivered", 30006);
            default -> throw new IllegalArgumentException("Twilio does not move a sent text to " + status);
        }
    }

    @Override
    public DeliveryFailure failure() {
        return new DeliveryFailure(DeliveryFailure.Reason.NOT_MOBILE, "30006", null);
    }

    @Override
    public int push(String body, boolean genuine) throws Exception {
        // the endpoint verifies accounts this node has used: a poll uses it
        provider.fetchInbound(credentials(), null);
        fake.setIncomingUrl(NUMBER, base() + "/twilio/inbound");
        fake.webhookFault(genuine ? WebhookFault.NONE : WebhookFault.FORGED);
        int before = fake.webhooks().size();
        fake.deliverInbound(SID, new FakeInbound(PHONE, NUMBER, body));
        // the fake calls on its own thread, as Twilio does; 0 while a call is on its way
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            List<FakeWebhook> calls = fake.webhooks();
            if (calls.size() > before && calls.get(calls.size() - 1).answer() != 0) {
                return calls.get(calls.size() - 1).answer();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the fake made no webhook call");
    }

    @Override
    public void close() {
        Components.call(provider, "deactivate");
        endpoint.close();
        fake.close();
    }
}
