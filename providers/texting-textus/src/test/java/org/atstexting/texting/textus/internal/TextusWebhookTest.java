package org.atstexting.texting.textus.internal;

import static org.atstexting.texting.textus.internal.Fixture.ACCOUNT;
import static org.atstexting.texting.textus.internal.Fixture.ALICE;
import static org.atstexting.texting.textus.internal.Fixture.NUMBER;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.atstexting.fake.textus.WebhookAttempt;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderReceipt;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Webhooks end to end: the fake signs and POSTs, the real exchange verifies and hands over. */
public class TextusWebhookTest {

    private static final String DANA = "+12065550123";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture f;

    @Before
    public void setUp() throws Exception {
        f = new Fixture(tmp.getRoot().toPath(), Map.of());
        assertEquals(Outcome.OK, f.provider.test(ALICE).outcome()); // registers the integration
    }

    @After
    public void tearDown() {
        f.close();
    }

    private WebhookAttempt last() {
        List<WebhookAttempt> all = f.fake.engine().webhookAttempts();
        return all.get(all.size() - 1);
    }

    @Test
    public void testRegistersOneIntegrationAtTheCallbackUrl() throws Exception {
        f.provider.test(ALICE);
        f.provider.fetchInbound(ALICE, null);
        assertEquals(List.of(f.callbackBase + "/textus/webhook"), f.fake.engine().integrationUrls(ACCOUNT));
    }

    @Test
    public void aSignedReplyIsHandedOverOnceAndAnsweredAfterwards() throws Exception {
        String body = "Oui, à 15 h — ça marche 👍 中文";
        String id = f.fake.engine().receive(ACCOUNT, DANA, body);

        assertEquals(200, last().status());
        assertEquals(1, f.callback.received.size());
        assertEquals(id, "/messages/" + f.callback.received.get(0).providerMessageId());
        assertEquals(body, f.callback.received.get(0).body());
        assertEquals(DANA, f.callback.received.get(0).from());
        assertEquals(NUMBER, f.callback.received.get(0).to());

        // TextUs retries the same delivery: 200, nothing new
        WebhookAttempt again = last();
        assertEquals(200, f.post(again.body().getBytes(StandardCharsets.UTF_8), again.signature()));
        assertEquals(1, f.callback.received.size());
    }

    @Test
    public void forgedAndUnsignedCallsAre403AndChangeNothing() throws Exception {
        f.fake.engine().receive(ACCOUNT, DANA, "real");
        String forgedBody = last().body().replace("real", "forged").replace("/webhook_deliveries/", "/webhook_deliveries/X");
        int before = f.callback.received.size();

        assertEquals(403, f.post(forgedBody.getBytes(StandardCharsets.UTF_8), last().signature()));
        assertEquals(403, f.post(forgedBody.getBytes(StandardCharsets.UTF_8), null));
        assertEquals(403, f.post(forgedBody.getBytes(StandardCharsets.UTF_8),
                WebhookSignature.sign("not-the-secret", forgedBody.getBytes(StandardCharsets.UTF_8))));
        assertEquals(before, f.callback.received.size());
    }

    @Test
    public void deliveryNewsMovesOnlyForwardAndFailuresCarryAReasonPeopleCanRead() throws Exception {
        ProviderReceipt first = f.provider.send(ALICE, new OutboundText(DANA, "one"));
        ProviderReceipt second = f.provider.send(ALICE, new OutboundText("+12065550124", "two"));

        f.fake.engine().setDeliveryState("/messages/" + first.providerMessageId(), "delivered", null);
        f.fake.engine().setDeliveryState("/messages/" + first.providerMessageId(), "failed", "unreachable"); // late
        f.fake.engine().setDeliveryState("/messages/" + second.providerMessageId(), "failed", "landline");

        assertEquals(2, f.callback.statuses.size());
        assertEquals(first.providerMessageId(), f.callback.statuses.get(0).providerMessageId());
        assertEquals(DeliveryStatus.DELIVERED, f.callback.statuses.get(0).status());
        assertEquals(DeliveryStatus.FAILED, f.callback.statuses.get(1).status());
        String reason = f.callback.statuses.get(1).reason();
        assertTrue(reason, reason.contains("landline and cannot receive texts"));
        assertTrue(reason, reason.contains("TextUs code landline"));
    }

    @Test
    public void optOutsAndOptInsAtTextUsReachTheCore() throws Exception {
        f.fake.engine().contactOptsOut(ACCOUNT, DANA);
        f.fake.engine().contactOptsIn(ACCOUNT, DANA);
        assertEquals(200, last().status());
        assertEquals(List.of("out " + DANA, "in " + DANA), f.callback.consent);
    }

    @Test
    public void withoutTheCoreTheCallIs503SoTextUsTriesAgainAndNothingIsLost() throws Exception {
        f.inbound.setCallback(null);
        f.fake.engine().receive(ACCOUNT, DANA, "while the core is away");
        assertEquals(503, last().status());

        f.inbound.setCallback(f.callback);
        WebhookAttempt again = last();
        assertEquals(200, f.post(again.body().getBytes(StandardCharsets.UTF_8), again.signature()));
        assertEquals(1, f.callback.received.size());
    }

    @Test
    public void theSecretSurvivesARestartAndIsNotRegisteredAgain() throws Exception {
        f.provider.deactivate();
        TextusInbound restarted = new TextusInbound(tmp.getRoot().toPath().resolve("secrets.properties").toFile());
        restarted.setCallback(f.callback);
        TextusProvider provider = new TextusProvider(Fixture.config(Map.of("enabled", true, "accountSlug", ACCOUNT,
                "apiBaseUrl", f.fake.baseUri().toString(), "callbackBaseUrl", f.callbackBase)), restarted);
        try {
            provider.test(ALICE);
            assertEquals(1, f.fake.engine().integrationUrls(ACCOUNT).size());
        } finally {
            provider.deactivate();
        }
    }

    @Test
    public void aDisabledProviderAnswers503() throws Exception {
        f.provider.modified(Fixture.config(Map.of("enabled", false)));
        f.fake.engine().receive(ACCOUNT, DANA, "hello");
        assertEquals(503, last().status());
        assertEquals(0, f.callback.received.size());
    }
}
