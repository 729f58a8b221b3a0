package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.SandboxWebhook;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.kit.WebhookLoopback;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.StatusUpdate;
import org.junit.Test;

public class ZipwhipInboundTest extends SandboxTestBase {

    private WebhookLoopback webhookServer;

    // ------------------------------------------------------------------ polling

    @Test
    public void pollingReadsRepliesInE164AndMovesItsCursor() throws Exception {
        InboundBatch first = provider.fetchInbound(ALICE_CREDENTIALS, null);
        assertEquals(List.of(), first.texts());
        SandboxMessage reply = sandbox.deliverReply("2065550123", ALICE, "Yes, Tuesday works");

        InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, first.cursor());
        assertEquals(1, batch.texts().size());
        InboundText text = batch.texts().get(0);
        assertEquals(Long.toString(reply.id()), text.providerMessageId());
        assertEquals(DANA, text.from());
        assertEquals(ALICE_E164, text.to());
        assertEquals("Yes, Tuesday works", text.body());

        assertEquals("read once", List.of(), provider.fetchInbound(ALICE_CREDENTIALS, batch.cursor()).texts());
    }

    @Test
    public void pollingReportsEachStatusChangeOnceAndNeverBackwards() throws Exception {
        ProviderReceipt sent = provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "hello"));
        ProviderReceipt failing = provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "will fail"));
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();

        sandbox.setStatus(Long.parseLong(sent.providerMessageId()), "SENT");
        InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, cursor);
        assertEquals("sent history only lists new messages", List.of(), batch.sent());
        assertEquals(List.of(DeliveryStatus.SENT), statuses(batch));
        assertEquals("nothing new, nothing reported", List.of(),
                provider.fetchInbound(ALICE_CREDENTIALS, batch.cursor()).statusUpdates());

        sandbox.setStatus(Long.parseLong(sent.providerMessageId()), "DELIVERED");
        sandbox.setStatus(Long.parseLong(failing.providerMessageId()), "ERROR");
        batch = provider.fetchInbound(ALICE_CREDENTIALS, batch.cursor());
        assertEquals(2, batch.statusUpdates().size());
        StatusUpdate failed = batch.statusUpdates().stream().filter(u -> u.status() == DeliveryStatus.FAILED)
                .findFirst().orElseThrow();
        assertEquals(failing.providerMessageId(), failed.providerMessageId());
        assertTrue(failed.reason(), failed.reason().contains("Error"));
        assertEquals("Zipwhip's code kept for support", "1", failed.failure().providerCode());
        assertEquals(org.atstexting.texting.DeliveryFailure.Reason.UNKNOWN, failed.failure().reason());

        // a late "SENT" after "DELIVERED", and a state nobody knows, are not reported
        sandbox.setStatus(Long.parseLong(sent.providerMessageId()), "SENT");
        sandbox.setStatus(Long.parseLong(failing.providerMessageId()), "SOMETHING_NEW");
        assertEquals(List.of(), provider.fetchInbound(ALICE_CREDENTIALS, batch.cursor()).statusUpdates());
    }

    @Test
    public void pollingListsTheAccountsSentTextsForReconciliation() throws Exception {
        ProviderReceipt sent = provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "hello"));
        InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, null);
        assertEquals(1, batch.sent().size());
        assertEquals(sent.providerMessageId(), batch.sent().get(0).providerMessageId());
        assertEquals(DANA, batch.sent().get(0).to());
        assertEquals(ALICE_E164, batch.sent().get(0).from());
        assertEquals("hello", batch.sent().get(0).body());
        assertEquals(List.of(), batch.texts());
    }

    @Test
    public void theCursorCarriesPendingStatusesAcrossARestart() throws Exception {
        ProviderReceipt sent = provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "hello"));
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        provider.deactivate();

        provider = new ZipwhipProvider(config(), new ZipwhipInbound(secretsFile)); // a restart
        sandbox.setStatus(Long.parseLong(sent.providerMessageId()), "DELIVERED");
        InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, cursor);
        assertEquals(List.of(DeliveryStatus.DELIVERED), statuses(batch));
        assertEquals(List.of(), provider.fetchInbound(ALICE_CREDENTIALS, batch.cursor()).statusUpdates());
    }

    @Test
    public void theFirstCursorFormatStillReads() throws Exception {
        SandboxMessage old = sandbox.deliverReply(DANA, ALICE, "old");
        SandboxMessage fresh = sandbox.deliverReply(DANA, ALICE, "new");
        InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, Long.toString(old.id()));
        assertEquals(1, batch.texts().size());
        assertEquals(Long.toString(fresh.id()), batch.texts().get(0).providerMessageId());
    }

    @Test
    public void pollingPagesThroughMoreThanOnePage() throws Exception {
        provider.modified(config("pageSize", 3));
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        for (int i = 0; i < 7; i++) {
            sandbox.deliverReply(DANA, ALICE, "reply " + i);
        }
        InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, cursor);
        assertEquals(7, batch.texts().size());
        assertEquals("oldest first", "reply 0", batch.texts().get(0).body());
        assertEquals("limit is Zipwhip's paging parameter", "3",
                sandbox.calls("message/list").get(1).params().get("limit"));
    }

    @Test
    public void aRateLimitedReadIsRetriedAfterRetryAfter() throws Exception {
        sandbox.injectFault("message/list", Fault.RATE_LIMITED, 1);
        sandbox.deliverReply(DANA, ALICE, "hi");
        long start = System.nanoTime();
        assertEquals(1, provider.fetchInbound(ALICE_CREDENTIALS, null).texts().size());
        assertTrue(System.nanoTime() - start >= 900_000_000L);
        assertEquals(2, sandbox.calls("message/list").size());
    }

    @Test
    public void serverErrorsOnReadsAreRetriedWithBackoff() throws Exception {
        sandbox.injectFault("message/list", Fault.SERVER_ERROR, 2);
        sandbox.deliverReply(DANA, ALICE, "hi");
        assertEquals(1, provider.fetchInbound(ALICE_CREDENTIALS, null).texts().size());
        assertEquals(3, sandbox.calls("message/list").size());
    }

    @Test
    public void malformedJsonOnAReadIsAClearProviderError() {
        sandbox.injectFault("message/list", Fault.MALFORMED_JSON, 1);
        ProviderException e = expectFailure(() -> provider.fetchInbound(ALICE_CREDENTIALS, null));
        assertEquals(Kind.ERROR, e.kind());
        assertEquals("Zipwhip answered message/list with something that is not its JSON envelope", e.getMessage());
    }

    @Test
    public void anExpiredSessionDuringAPollLogsInOnceMore() throws Exception {
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        sandbox.injectFault("message/list", Fault.SESSION_EXPIRED, 1);
        sandbox.deliverReply(DANA, ALICE, "hi");
        assertEquals(1, provider.fetchInbound(ALICE_CREDENTIALS, null).texts().size());
        assertEquals(2, sandbox.calls("user/login").size());
    }

    // ------------------------------------------------------------------ webhook

    @Test
    public void theWebhookIsInstalledWithASecretThatIsStoredOnlyHashed() throws Exception {
        useWebhook();
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        List<SandboxWebhook> hooks = sandbox.webhooks(ALICE);
        assertEquals(List.of("receive", "progress"), hooks.stream().map(SandboxWebhook::event).toList());
        String secret = query(hooks.get(0).url()).get("secret");
        assertTrue(secret.length() >= 40);
        assertTrue(hooks.get(0).url().startsWith(webhookBase() + "/zipwhip/webhook?account=" + ALICE + "&secret="));
        String stored = Files.readString(secretsFile.toPath());
        assertFalse("the secret itself is not stored", stored.contains(secret));
        assertFalse("nor printed", hooks.get(0).toString().contains(secret));

        // installed once per account and callback URL, not per session
        sandbox.injectFault("message/list", Fault.SESSION_EXPIRED, 1);
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        assertEquals(2, sandbox.webhooks(ALICE).size());
        // and the secret survives a restart
        assertTrue(new ZipwhipInbound(secretsFile).secrets().verify(ALICE, secret));
    }

    @Test
    public void repliesAndStatusesArriveThroughTheWebhookOnce() throws Exception {
        useWebhook();
        ProviderReceipt sent = provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "hello"));
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        provider.awaitBackground();

        SandboxMessage reply = sandbox.deliverReply(DANA, ALICE, "Yes");
        await("the reply through the webhook", () -> callback.received.size() == 1);
        assertEquals(Long.toString(reply.id()), callback.received.get(0).providerMessageId());
        assertEquals(DANA, callback.received.get(0).from());

        sandbox.setStatus(Long.parseLong(sent.providerMessageId()), "DELIVERED");
        await("the status through the webhook", () -> callback.statuses.size() == 1);
        assertEquals(DeliveryStatus.DELIVERED, callback.statuses.get(0).status());
        assertEquals(sent.providerMessageId(), callback.statuses.get(0).providerMessageId());

        // Zipwhip retries: a replayed call is answered 200 and ignored
        SandboxWebhook hook = sandbox.webhooks(ALICE).get(0);
        String body = messageJson(reply.id());
        assertEquals(200, post(hook.url(), body));
        assertEquals(1, callback.received.size());

        // polling, the fallback, does not hand over again what the webhook did
        InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, cursor);
        assertEquals(List.of(), batch.texts());
        assertEquals(List.of(), batch.statusUpdates());
        assertTrue(sandbox.webhookDeliveries().stream().allMatch(d -> d.status() == 200));
    }

    @Test
    public void forgedWebhookCallsAreRefused() throws Exception {
        useWebhook();
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        SandboxMessage reply = sandbox.deliverReply(DANA, ALICE, "Yes");
        await("the reply", () -> callback.received.size() == 1);
        String body = messageJson(reply.id() + 1000);
        String url = webhookBase() + "/zipwhip/webhook?account=" + ALICE;
        assertEquals(403, post(url + "&secret=guessed", body));
        assertEquals(403, post(url, body));
        assertEquals(403, post(webhookBase() + "/zipwhip/webhook?account=2065550199&secret=x", body));
        String realSecret = query(sandbox.webhooks(ALICE).get(0).url()).get("secret");
        assertEquals("another account's secret does not fit", 403,
                post(webhookBase() + "/zipwhip/webhook?account=2065550199&secret=" + realSecret, body));
        assertEquals(400, post(url + "&secret=" + realSecret, "{\"success\":tru"));
        assertEquals(1, callback.received.size());
    }

    @Test
    public void withoutTheCoresCallbackWebhookCallsAreDeferredToPolling() throws Exception {
        useWebhook();
        inbound.setCallback(null);
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        provider.awaitBackground();
        sandbox.deliverReply(DANA, ALICE, "Yes");
        await("the webhook call", () -> sandbox.webhookDeliveries().size() == 1);
        assertEquals("Zipwhip is asked to come back later", 503, sandbox.webhookDeliveries().get(0).status());
        assertEquals("polling still reads it", 1, provider.fetchInbound(ALICE_CREDENTIALS, cursor).texts().size());
    }

    @Test
    public void aDisabledProviderRevokesTheWebhookSecrets() throws Exception {
        useWebhook();
        provider.fetchInbound(ALICE_CREDENTIALS, null);
        provider.awaitBackground();
        provider.modified(config("enabled", false));
        sandbox.deliverReply(DANA, ALICE, "Yes");
        await("the webhook call", () -> sandbox.webhookDeliveries().size() == 1);
        assertEquals("switched off: its secrets no longer admit anything", 403,
                sandbox.webhookDeliveries().get(0).status());
        assertFalse(inbound.secrets().entry(ALICE).isPresent());
        assertEquals(0, callback.received.size());
    }

    @Test
    public void aWebhookThatCannotBeInstalledLeavesPollingWorking() throws Exception {
        provider.modified(config("callbackBaseUrl", "not a url"));
        sandbox.deliverReply(DANA, ALICE, "hi");
        assertEquals(1, provider.fetchInbound(ALICE_CREDENTIALS, null).texts().size());
        provider.awaitBackground();
        assertEquals(List.of(), sandbox.webhooks(ALICE));
        assertFalse(inbound.secrets().entry(ALICE).isPresent());
    }

    // ------------------------------------------------------------------ helpers

    private static List<DeliveryStatus> statuses(InboundBatch batch) {
        return batch.statusUpdates().stream().map(StatusUpdate::status).toList();
    }

    private String messageJson(long id) {
        return "{\"id\":" + id + ",\"sourceAddress\":\"2065550123\",\"destAddress\":\"" + ALICE
                + "\",\"body\":\"Yes\",\"dateCreated\":\"2026-01-01T10:00:00Z\",\"transmissionState\":{\"name\":"
                + "\"DELIVERED\"}}";
    }

    /** Serves the webhook as the servlet does (same outcomes), on a JDK server, and points the provider at it. */
    private void useWebhook() throws IOException {
        webhookServer = newWebhookServer();
        useWebhook(webhookServer);
    }

    private String webhookBase() {
        return webhookServer.baseUrl();
    }

    private static java.util.Map<String, String> query(String url) {
        return ZipwhipHook.params(java.net.URI.create(url).getRawQuery());
    }
}
