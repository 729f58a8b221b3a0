package org.atstexting.texting.textus.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.atstexting.fake.textus.FakeMessage;
import org.atstexting.fake.textus.TextusFakeEngine;
import org.atstexting.fake.textus.WebhookAttempt;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.kit.ConformanceTarget;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.TextingProvider;

import com.google.gson.JsonObject;

/**
 * The TextUs provider against the TextUs fake ({@link Fixture}: the webhook endpoint is the real
 * {@link TextusWebhookExchange}); polls read at most 5 texts, pages of 3.
 */
final class TextusConformanceTarget implements ConformanceTarget {

    private static final String PHONE = "+12065550123";
    private static final int PER_POLL = 5;

    private final Fixture f;
    private final TextusFakeEngine fake;

    TextusConformanceTarget(ProviderCallback callback, Path dir) throws Exception {
        f = new Fixture(dir, Map.of("maxTextsPerPoll", PER_POLL, "connectTimeoutSeconds", 1));
        f.inbound.setCallback(callback);
        fake = f.fake.engine();
        fake.setPageSize(3);
    }

    @Override
    public String providerKey() {
        return TextusProvider.KEY;
    }

    @Override
    public TextingProvider provider() {
        return f.provider;
    }

    @Override
    public ProviderCredentials credentials() {
        return Fixture.ALICE;
    }

    @Override
    public ProviderCredentials wrongPassword() {
        return new ProviderCredentials(Fixture.ALICE.username(), Fixture.NUMBER, "tok-not-alices");
    }

    @Override
    public String phone() {
        return PHONE;
    }

    @Override
    public void makeUnreachable() {
        f.fake.close();
    }

    @Override
    public List<String> sentBodies() {
        return fake.sent().stream().map(FakeMessage::body).toList();
    }

    @Override
    public void deliverInbound(List<String> bodies) {
        bodies.forEach(b -> fake.receiveQuietly(Fixture.ACCOUNT, PHONE, b));
    }

    @Override
    public int inboundPerPoll() {
        return PER_POLL;
    }

    @Override
    public void loseNextSendAnswer() {
        fake.faults().sendThenFail(1);
    }

    @Override
    public void throttleNextSend(int retryAfterSeconds) {
        fake.faults().rateLimitNext(retryAfterSeconds, 1);
    }

    @Override
    public void moveStatus(String providerMessageId, DeliveryStatus status) {
        String id = "/messages/" + providerMessageId;
        switch (status) {
            case SENT -> fake.setDeliveryState(id, "sent", null);
            case DELIVERED -> fake.setDeliveryState(id, "delivered", null);
            case FAILED -> fake.setDeliveryState(id, "failed", "landline");
            default -> throw new IllegalArgumentException("TextUs does not move a sent text to " + status);
        }
    }

    @Override
    public DeliveryFailure failure() {
        return new DeliveryFailure(DeliveryFailure.Reason.NOT_MOBILE, "landline", null);
    }

    @Override
    public int push(String body, boolean genuine) throws Exception {
        // the provider registers its webhook integration with its first poll
        f.provider.fetchInbound(Fixture.ALICE, null);
        if (genuine) {
            int before = fake.webhookAttempts().size();
            fake.receive(Fixture.ACCOUNT, PHONE, body);
            List<WebhookAttempt> attempts = fake.webhookAttempts();
            if (attempts.size() == before) {
                throw new AssertionError("the fake made no webhook delivery");
            }
            return attempts.get(attempts.size() - 1).status();
        }
        JsonObject message = new JsonObject();
        message.addProperty("id", "/messages/Mforged");
        message.addProperty("direction", "in");
        message.addProperty("body", body);
        JsonObject delivery = new JsonObject();
        delivery.addProperty("id", "/webhook_deliveries/Dforged");
        delivery.addProperty("action", "message.received");
        delivery.add("message", message);
        return f.post(delivery.toString().getBytes(StandardCharsets.UTF_8), "0".repeat(64));
    }

    @Override
    public void close() {
        f.close();
    }
}
