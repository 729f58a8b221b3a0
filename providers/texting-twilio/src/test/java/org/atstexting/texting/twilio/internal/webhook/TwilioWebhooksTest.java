package org.atstexting.texting.twilio.internal.webhook;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.atstexting.fake.twilio.FakeInbound;
import org.atstexting.fake.twilio.FakeWebhook;
import org.atstexting.fake.twilio.StandaloneTwilioFake;
import org.atstexting.fake.twilio.WebhookFault;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.MediaItem;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.TextingProvider;
import org.atstexting.texting.twilio.internal.TestProviders;
import org.atstexting.texting.twilio.internal.TwilioProvider;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * Twilio's webhooks end to end: the fake calls our endpoints as Twilio would (signed, or with
 * the fault injected), and each test counts what reached the core and what the fake was answered.
 */
public class TwilioWebhooksTest {

    private static final String SID = "AC00000000000000000000000000000101";
    private static final String TOKEN = "fake-token-alice";
    private static final String NUMBER = "+12065550101";
    private static final String DANA = "+12065550123";
    private static final ProviderCredentials ALICE = new ProviderCredentials(SID, NUMBER, TOKEN);

    private StandaloneTwilioFake fake;
    private WebhookHarness harness;
    private WebhookHarness.Core core;
    private TextingProvider provider;
    private Runnable stopProvider;

    @Before
    public void start() throws Exception {
        fake = StandaloneTwilioFake.start();
        fake.addAccount(SID, TOKEN);
        core = new WebhookHarness.Core();
        TwilioWebhooks webhooks = new TwilioWebhooks();
        webhooks.setCallback(core);
        harness = new WebhookHarness(webhooks);
        startProvider(webhooks);
        fake.setIncomingUrl(NUMBER, harness.baseUrl() + "/twilio/inbound");
    }

    private void startProvider(TwilioWebhooks webhooks) throws Exception {
        if (stopProvider != null) {
            stopProvider.run();
        }
        TwilioProvider made = TestProviders.start(Map.of("enabled", true, "apiBaseUrl", fake.baseUri().toString(),
                "callbackBaseUrl", harness.baseUrl()), webhooks);
        provider = made;
        stopProvider = () -> TestProviders.stop(made);
    }

    @After
    public void stop() {
        stopProvider.run();
        harness.close();
        fake.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private List<Integer> answers() {
        return fake.webhooks().stream().map(FakeWebhook::answer).toList();
    }

    private void awaitAnswers(int count) throws InterruptedException {
        await(count + " webhook answers", () -> answers().size() == count && !answers().contains(0));
    }

    @Test
    public void anInboundTextDeliveredTwiceReachesTheCoreOnce() throws Exception {
        provider.test(ALICE); // this node knows the account's token from now on
        fake.webhookFault(WebhookFault.DUPLICATE);
        String sid = fake.deliverInbound(SID, DANA, NUMBER, "Yes, Tuesday works");
        awaitAnswers(2);
        assertEquals("both calls answered 200 (a retry is not an error)", List.of(200, 200), answers());
        assertEquals(1, core.received.size());
        assertEquals(sid, core.received.get(0).providerMessageId());
        assertEquals("Yes, Tuesday works", core.received.get(0).body());
        assertEquals(DANA, core.received.get(0).from());
    }

    @Test
    public void forgedAndUnsignedCallsChangeNothing() throws Exception {
        provider.test(ALICE);
        fake.webhookFault(WebhookFault.FORGED);
        fake.deliverInbound(SID, DANA, NUMBER, "forged");
        fake.webhookFault(WebhookFault.UNSIGNED);
        fake.deliverInbound(SID, DANA, NUMBER, "unsigned");
        awaitAnswers(2);
        assertEquals(List.of(403, 403), answers());
        assertTrue(core.received.isEmpty());
    }

    @Test
    public void aCallForAnAccountThisNodeHasNotSeenIsNotTaken() throws Exception {
        fake.deliverInbound(SID, DANA, NUMBER, "too early");
        awaitAnswers(1);
        assertEquals(List.of(503), answers());
        assertTrue(core.received.isEmpty());
    }

    @Test
    public void statusCallbacksOnlyMoveForwardWhateverTheirOrder() throws Exception {
        String sid = provider.send(ALICE, new OutboundText(DANA, "Interview at 10?")).providerMessageId();
        assertTrue("the text names our status URL with our own id", fake.message(sid).statusCallback()
                .startsWith(harness.baseUrl() + "/twilio/status?o="));
        fake.webhookFault(WebhookFault.HOLD);
        fake.setStatus(sid, "sent", null);
        fake.setStatus(sid, "delivered", null);
        fake.webhookFault(WebhookFault.DUPLICATE);
        fake.releaseWebhooks(true); // delivered first, then the late sent
        awaitAnswers(2);
        fake.setStatus(sid, "delivered", null); // once more, twice
        awaitAnswers(4);
        assertEquals(List.of(200, 200, 200, 200), answers());
        assertEquals(List.of(DeliveryStatus.DELIVERED), core.statuses.stream().map(s -> s.status()).toList());
    }

    @Test
    public void aFailedStatusCarriesItsPlainReasonAndCode() throws Exception {
        String sid = provider.send(ALICE, new OutboundText("+12065550006", "Hello")).providerMessageId();
        fake.setStatus(sid, "undelivered", 30006);
        awaitAnswers(1);
        assertEquals(1, core.statuses.size());
        DeliveryFailure failure = core.statuses.get(0).failure();
        assertEquals(DeliveryStatus.FAILED, core.statuses.get(0).status());
        assertEquals(DeliveryFailure.Reason.NOT_MOBILE, failure.reason());
        assertEquals("30006", failure.providerCode());
        assertTrue(core.statuses.get(0).reason(), core.statuses.get(0).reason().contains("landline"));
    }

    @Test
    public void inboundMediaKeepsEachUrlAndType() throws Exception {
        provider.test(ALICE);
        fake.deliverInbound(SID, new FakeInbound(DANA, NUMBER, "", List.of(
                new String[] { "https://api.twilio.com/media/ME1", "image/jpeg" },
                new String[] { "https://api.twilio.com/media/ME2", "application/pdf" }), null));
        awaitAnswers(1);
        assertEquals(List.of(new MediaItem("https://api.twilio.com/media/ME1", "image/jpeg"),
                new MediaItem("https://api.twilio.com/media/ME2", "application/pdf")), core.received.get(0).media());
    }

    @Test
    public void anOptOutIsAppliedOnceAndAReplayAfterTheWindowChangesNothing() throws Exception {
        provider.test(ALICE);
        fake.deliverInbound(SID, new FakeInbound(DANA, NUMBER, "STOP", List.of(), "STOP"));
        awaitAnswers(1);
        assertEquals(List.of("out " + DANA), core.optOuts);
        FakeWebhook captured = fake.webhooks().get(0);
        assertEquals("replayed at once: answered, ignored", 200, replay(captured));
        assertEquals(1, core.optOuts.size());

        // the node restarts two hours later; an attacker replays the captured START-less STOP and a START
        TwilioWebhooks restarted = new TwilioWebhooks(Clock.offset(Clock.systemUTC(), Duration.ofHours(2)));
        restarted.setCallback(core);
        harness.use(restarted);
        startProvider(restarted);
        provider.test(ALICE);
        assertEquals(200, replay(captured));
        assertEquals("Twilio's record of the message is older than the window: not applied again", 1,
                core.optOuts.size());
    }

    /** Posts a captured call again, byte for byte what Twilio signed. */
    private static int replay(FakeWebhook call) throws Exception {
        String form = call.params().entrySet().stream().flatMap(e -> e.getValue().stream()
                .map(v -> enc(e.getKey()) + "=" + enc(v))).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(call.url()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", call.signature())
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
