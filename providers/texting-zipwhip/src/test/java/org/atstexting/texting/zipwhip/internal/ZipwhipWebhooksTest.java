package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.atstexting.sandbox.zipwhip.SandboxWebhook;
import org.atstexting.texting.kit.WebhookLoopback;
import org.atstexting.texting.spi.ProviderCredentials;
import org.junit.Test;

/** Webhooks kept as they should be: checked, installed again, stale ones deleted, secrets per account. */
public class ZipwhipWebhooksTest extends SandboxTestBase {

    private static final String BOB = "2065550102";
    private static final ProviderCredentials BOB_CREDENTIALS = new ProviderCredentials(BOB, "+12065550102",
            "sandbox-bob");

    @Test
    public void aRefusedProgressEventKeepsTheReceiveWebhookWorking() throws Exception {
        sandbox.refuseWebhookEvents(Set.of("progress"));
        useWebhook(newWebhookServer());
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        assertEquals(List.of("receive"), events());

        sandbox.deliverReply(DANA, ALICE, "Yes");
        await("the reply through the webhook", () -> callback.received.size() == 1);
        await("the sandbox recorded its delivery", () -> !sandbox.webhookDeliveries().isEmpty());
        assertEquals(200, sandbox.webhookDeliveries().get(0).status());

        // a new session checks again: the receive webhook is kept, not added once more
        sandbox.expireSessions(ALICE);
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        assertEquals(List.of("receive"), events());
    }

    @Test
    public void webhooksComeBackAfterZipwhipRestarts() throws Exception {
        useWebhook(newWebhookServer());
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        sandbox.restart();
        assertEquals(List.of(), sandbox.webhooks(ALICE));

        provider.fetchInbound(ALICE_CREDENTIALS, null); // the session is gone: a new one, and a check
        provider.awaitBackground();
        assertEquals(List.of("receive", "progress"), events());
        sandbox.deliverReply(DANA, ALICE, "back again");
        await("the reply through the new webhook", () -> callback.received.size() == 1);
        await("the sandbox recorded its delivery", () -> !sandbox.webhookDeliveries().isEmpty());
        assertEquals(200, sandbox.webhookDeliveries().get(0).status());
    }

    @Test
    public void webhooksLostWithTheirSessionComeBackWithTheNext() throws Exception {
        sandbox.setWebhooksSurviveSessions(false);
        useWebhook(newWebhookServer());
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        sandbox.expireSessions(ALICE);
        assertEquals(List.of(), sandbox.webhooks(ALICE));
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        assertEquals(List.of("receive", "progress"), events());
    }

    @Test
    public void aChangedCallbackUrlDeletesTheOldWebhooks() throws Exception {
        useWebhook(newWebhookServer());
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        WebhookLoopback moved = newWebhookServer();
        useWebhook(moved);
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        List<SandboxWebhook> hooks = sandbox.webhooks(ALICE);
        assertEquals(List.of("receive", "progress"), events());
        assertTrue(hooks.toString(), hooks.stream().allMatch(h -> h.url().startsWith(moved.baseUrl() + "/zipwhip/")));
        assertEquals(2, sandbox.calls("webhook/delete").size());
    }

    @Test
    public void webhooksSwitchedOffAreRevokedAndDeleted() throws Exception {
        useWebhook(newWebhookServer());
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        String url = sandbox.webhooks(ALICE).get(0).url();

        provider.modified(config("callbackBaseUrl", ""));
        assertFalse("revoked at once", inbound.secrets().entry(ALICE).isPresent());
        assertEquals(403, post(url, replyJson(123, "2065550123", ALICE)));
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        assertEquals(List.of(), sandbox.webhooks(ALICE));
    }

    @Test
    public void aSecretAdmitsOnlyTextsForItsOwnAccount() throws Exception {
        sandbox.addAccount(BOB, "sandbox-bob");
        useWebhook(newWebhookServer());
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.fetchInbound(BOB_CREDENTIALS, null);
        provider.awaitBackground();
        String aliceUrl = sandbox.webhooks(ALICE).get(0).url();

        assertEquals("Alice's secret, a text to Bob", 403, post(aliceUrl, replyJson(900001, "2065550123", BOB)));
        assertEquals(List.of(), callback.received);
        assertEquals(200, post(aliceUrl, replyJson(900002, "2065550123", ALICE)));
        assertEquals(1, callback.received.size());
        assertEquals(ALICE_E164, callback.received.get(0).to());
    }

    @Test
    public void anAccountNotUsedForTheIdlePeriodLosesItsWebhooksAndSession() throws Exception {
        MovableClock clock = new MovableClock();
        provider.useClock(clock);
        useWebhook(newWebhookServer());
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        assertEquals(2, sandbox.webhooks(ALICE).size());

        clock.now = clock.now.plus(Duration.ofDays(8)); // the default idle period is 7 days
        provider.checkWebhooksNow();
        assertEquals(List.of(), sandbox.webhooks(ALICE));
        assertFalse(inbound.secrets().entry(ALICE).isPresent());
        assertEquals(1, sandbox.calls("user/logout").size());
    }

    // ------------------------------------------------------------------ helpers

    private List<String> events() {
        return sandbox.webhooks(ALICE).stream().map(SandboxWebhook::event).toList();
    }

    private static String replyJson(long id, String from, String to) {
        return "{\"id\":" + id + ",\"type\":\"MO\",\"sourceAddress\":\"" + from + "\",\"destAddress\":\"" + to
                + "\",\"address\":\"ptn:/" + from + "\",\"body\":\"forged?\",\"dateCreated\":\"2026-01-01T10:00:00Z\"}";
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
