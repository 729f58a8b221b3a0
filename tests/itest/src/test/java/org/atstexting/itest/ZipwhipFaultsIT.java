package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.SandboxWebhook;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;
import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The Zipwhip provider hardened, end to end in Felix: faults injected through the sandbox
 * service, texts sent through the {@link TextingService}, the number of texts the sandbox
 * received asserted (never two for one send), and the webhook (HTTP whiteboard servlet)
 * bringing replies and delivery statuses to the records with polling switched off.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ZipwhipFaultsIT extends TextingTestSupport {

    private static final RecordRef DANA = RecordRef.parse("employee:1001");
    private static final String DANA_NUMBER = "+12065550123";
    private static final String ALICE_ACCOUNT = "2065550101";

    private ZipwhipSandbox sandbox;
    private TextingService texting;
    /** Makes this test's bodies its own: the records outlive a test (one framework per class). */
    private String nonce;

    @Before
    public void zipwhipOnTheSandboxWithWebhooksAndQuickTimeouts() throws Exception {
        coreSettings(props("pollIntervalSeconds", 0));
        sandbox = service(ZipwhipSandbox.class);
        sandbox.clearFaults();
        sandbox.setOutboundAddressesEmpty(false);
        sandbox.reset(); // drops the sandbox's sessions: the fresh client below logs in anew
        String local = "http://127.0.0.1:" + context().getProperty("org.osgi.service.http.port");
        // a new value each time, so the provider swaps in a fresh client (no session cached from the last test)
        String run = Long.toString(System.nanoTime());
        nonce = " #" + run.substring(run.length() - 6);
        configureInPlace("org.atstexting.zipwhip", props("enabled", true, "apiBaseUrl", sandboxBaseUrl(),
                "callbackBaseUrl", local, "responseTimeoutSeconds", 1, "connectTimeoutSeconds", 1,
                "maxAttempts", 3, "backoffMillis", 50, "sendRatePerSecond", 0, "itestRun", run),
                TextingProvider.class, "itestRun");
        CredentialService credentials = service(CredentialService.class);
        credentials.saveSystemCredentials("admin",
                new CredentialsInput("zipwhip", "2065550100", "(206) 555-0100", "sandbox-system"));
        credentials.saveUserCredentials("alice",
                new CredentialsInput("zipwhip", ALICE_ACCOUNT, "206-555-0101", "sandbox-alice"));
        texting = service(TextingService.class);
    }

    @Test
    public void aSendThatWentThroughButFailedIsArchivedOnceAndNotRepeated() throws Exception {
        sandbox.injectFault("message/send", Fault.SEND_THEN_FAIL, 1);
        TextMessage sent = texting.send(SendRequest.fromRecord("alice", DANA, "Are you free Tuesday?"));

        assertEquals("one send call", 1, sandbox.calls("message/send").size());
        assertEquals("one text", 1, sandbox.sent().size());
        assertEquals(Long.toString(sandbox.sent().get(0).id()), sent.providerMessageId());
        // Zipwhip declares its sent-text look-up, so the send returns before the archive has written it
        HostRecords records = service(HostRecords.class);
        await("the text on Dana's record", () -> records.messages(DANA).stream()
                .anyMatch(m -> m.key().equals(sent.key())));
        assertEquals(1, records.messages(DANA).stream().filter(m -> m.key().equals(sent.key())).count());
    }

    @Test
    public void serverErrorsOnEverySendFailPlainlyAndSendNothing() throws Exception {
        sandbox.injectFault("message/send", Fault.SERVER_ERROR, 2);
        try {
            texting.send(SendRequest.toNumber("alice", DANA_NUMBER, "Hello"));
            fail("Zipwhip failed twice");
        } catch (TextingException e) {
            assertEquals(Reason.PROVIDER_ERROR, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("was not sent"));
        }
        assertEquals(2, sandbox.calls("message/send").size());
        assertEquals(0, sandbox.sent().size());
    }

    @Test
    public void aTimedOutSendIsNotRepeatedAndReachesTheRecordOnce() throws Exception {
        // a session first, so the slow call is the send itself
        texting.send(SendRequest.toNumber("alice", DANA_NUMBER, "a session first"));
        int callsBefore = sandbox.calls("message/send").size();
        sandbox.injectFault("message/send", Fault.SLOW, 1);
        // the response timeout is 1 s, the sandbox takes 3: the look-up finds it when it lands
        String body = "Slow one" + nonce;
        TextMessage slow = texting.send(SendRequest.fromRecord("alice", DANA, body));
        assertEquals(callsBefore + 1, sandbox.calls("message/send").size());
        assertEquals("the first text and the slow one once, never twice", 2, sandbox.sent().size());
        SandboxMessage stored = sandbox.sent().stream().filter(m -> m.body().equals(body)).findFirst()
                .orElseThrow();
        assertEquals(Long.toString(stored.id()), slow.providerMessageId());
        HostRecords records = service(HostRecords.class);
        await("the slow text on Dana's record", () -> records.messages(DANA).stream()
                .anyMatch(m -> m.body().equals(body)));
        assertEquals(1, records.messages(DANA).stream().filter(m -> m.body().equals(body)).count());
    }

    // the same faults when Zipwhip leaves the outbound sourceAddress and destAddress empty (the facts allow it)

    @Test
    public void aSendThatWentThroughButFailedIsArchivedOnceWithOutboundAddressesEmpty() throws Exception {
        sandbox.setOutboundAddressesEmpty(true);
        aSendThatWentThroughButFailedIsArchivedOnceAndNotRepeated();
    }

    @Test
    public void serverErrorsOnEverySendSendNothingWithOutboundAddressesEmpty() throws Exception {
        sandbox.setOutboundAddressesEmpty(true);
        serverErrorsOnEverySendFailPlainlyAndSendNothing();
    }

    @Test
    public void aTimedOutSendReachesTheRecordOnceWithOutboundAddressesEmpty() throws Exception {
        sandbox.setOutboundAddressesEmpty(true);
        aTimedOutSendIsNotRepeatedAndReachesTheRecordOnce();
    }

    @Test
    public void statusesArriveByWebhookWithOutboundAddressesEmpty() throws Exception {
        sandbox.setOutboundAddressesEmpty(true);
        repliesAndStatusesArriveByWebhookWithPollingOff();
    }

    @Test
    public void expiredSessionsAndRateLimitsAreRiddenOut() throws Exception {
        texting.send(SendRequest.toNumber("alice", DANA_NUMBER, "first"));
        sandbox.injectFault("message/send", Fault.SESSION_EXPIRED, 1);
        sandbox.injectFault("message/send", Fault.RATE_LIMITED, 1);
        texting.send(SendRequest.toNumber("alice", DANA_NUMBER, "second"));
        assertEquals(2, sandbox.sent().size());
        assertEquals("logged in again once", 2, sandbox.calls("user/login").size());
    }

    @Test
    public void testingCredentialsTellsTheOutcomesApart() throws Exception {
        CredentialService credentials = service(CredentialService.class);
        assertEquals(CredentialCheck.Outcome.OK, credentials.testUserCredentials("alice", "zipwhip").outcome());
        sandbox.injectFault("user/login", Fault.SERVER_ERROR, 3);
        CredentialCheck error = credentials.testUserCredentials("alice", "zipwhip");
        assertEquals(error.message(), CredentialCheck.Outcome.PROVIDER_ERROR, error.outcome());
        sandbox.injectFault("user/login", Fault.SLOW, 1);
        CredentialCheck slow = credentials.testUserCredentials("alice", "zipwhip");
        assertEquals(slow.message(), CredentialCheck.Outcome.UNREACHABLE, slow.outcome());
        // the sandbox records the slow call when it answers it: let it, so the next test starts clean
        await("the slow login to finish", () -> sandbox.calls("user/login").size() == 5);
    }

    @Test
    public void repliesAndStatusesArriveByWebhookWithPollingOff() throws Exception {
        HostRecords records = service(HostRecords.class);
        String yes = "Yes, 10 works" + nonce;
        TextMessage sent = texting.send(SendRequest.fromRecord("alice", DANA, "Tuesday at 10?"));
        await("the webhook to be installed", () -> sandbox.webhooks(ALICE_ACCOUNT).size() >= 2);

        SandboxMessage reply = sandbox.deliverReply(DANA_NUMBER, ALICE_ACCOUNT, yes);
        await("the reply on Dana's record", () -> records.messages(DANA).stream()
                .anyMatch(m -> m.direction() == Direction.INBOUND && m.body().equals(yes)));

        sandbox.setStatus(Long.parseLong(sent.providerMessageId()), "DELIVERED");
        await("delivered on Dana's record", () -> records.messages(DANA).stream()
                .anyMatch(m -> m.key().equals(sent.key()) && m.status() == DeliveryStatus.DELIVERED));

        // a replayed webhook call is answered 200 and attaches nothing again
        SandboxWebhook receive = sandbox.webhooks(ALICE_ACCOUNT).stream()
                .filter(h -> h.event().equals("receive")).findFirst().orElseThrow();
        String body = "{\"id\":" + reply.id() + ",\"sourceAddress\":\"2065550123\",\"destAddress\":\""
                + ALICE_ACCOUNT + "\",\"body\":\"" + yes + "\",\"transmissionState\":{\"name\":\"DELIVERED\"}}";
        assertEquals(200, post(receive.url(), body));
        // a forged one is refused
        String forged = receive.url().substring(0, receive.url().indexOf("&secret=")) + "&secret=forged";
        assertEquals(403, post(forged, body.replace(Long.toString(reply.id()), "999999")));

        List<TextMessage> replies = records.messages(DANA).stream()
                .filter(m -> m.direction() == Direction.INBOUND && m.body().equals(yes)).toList();
        assertEquals("attached once", 1, replies.size());
        assertTrue(sandbox.webhookDeliveries().stream().allMatch(d -> d.status() == 200));
    }

    private static int post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
