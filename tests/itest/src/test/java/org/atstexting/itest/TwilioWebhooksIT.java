package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.atstexting.fake.twilio.FakeWebhook;
import org.atstexting.fake.twilio.TwilioFake;
import org.atstexting.fake.twilio.WebhookFault;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingEvents;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Twilio's webhooks in a real framework: the fake calls the provider's servlets on the HTTP
 * whiteboard (signed as Twilio signs), the core archives. Polling is off, so what arrives,
 * arrives by webhook; each test counts what the archive holds and what the fake was answered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TwilioWebhooksIT extends TextingTestSupport {

    private static final RecordRef DANA = RecordRef.parse("employee:1001");
    private static final String DANA_NUMBER = "+12065550123";
    private static final String ALICE_SID = "AC00000000000000000000000000000101";
    private static final String ALICE_NUMBER = "+12065550101";

    private TwilioFake fake;
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private ServiceRegistration<EventHandler> listener;

    private String base() {
        return "http://127.0.0.1:" + context().getProperty("org.osgi.service.http.port");
    }

    @Before
    public void pointTwilioAtTheFakeWithWebhooks() throws Exception {
        coreSettings(props("pollIntervalSeconds", 0));
        String filter = "(" + TextingProvider.PROVIDER_PROPERTY + "=twilio)";
        service(TextingProvider.class, filter);
        String api = base() + TwilioFake.BASE_PATH;
        service(org.osgi.service.cm.ConfigurationAdmin.class).getConfiguration("org.atstexting.twilio", "?")
                .update(props("enabled", true, "apiBaseUrl", api, "callbackBaseUrl", base()));
        await("twilio to take its webhook settings", () -> {
            try {
                return context().getServiceReferences(TextingProvider.class.getName(),
                        "(&" + filter + "(callbackBaseUrl=" + base() + "))") != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
        fake = service(TwilioFake.class);
        fake.reset();
        fake.setIncomingUrl(ALICE_NUMBER, base() + "/twilio/inbound");
        CredentialService credentials = service(CredentialService.class);
        credentials.saveSystemCredentials("admin",
                new CredentialsInput("twilio", "AC00000000000000000000000000000100", "+1 206 555 0100", "fake-token-system"));
        credentials.saveUserCredentials("alice", new CredentialsInput("twilio", ALICE_SID, "206-555-0101", "fake-token-alice"));
        // Test is how this node learns the account's Auth Token to verify its webhooks with
        assertTrue(credentials.testUserCredentials("alice", "twilio").message(),
                credentials.testUserCredentials("alice", "twilio").ok());
        Hashtable<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, TextingEvents.FAILED);
        listener = context().registerService(EventHandler.class, (Event e) -> failures.put(
                String.valueOf(e.getProperty(TextingEvents.MESSAGE_KEY)), String.valueOf(e.getProperty(TextingEvents.REASON))),
                topics);
    }

    @After
    public void stopListening() {
        listener.unregister();
        fake.webhookFault(WebhookFault.NONE);
    }

    private List<Integer> answers() {
        return fake.webhooks().stream().map(FakeWebhook::answer).toList();
    }

    private void awaitAnswers(int count) {
        await(count + " webhook answers", () -> answers().size() == count && !answers().contains(0));
    }

    @Test
    public void anInboundTextDeliveredTwiceIsArchivedOnce() {
        fake.webhookFault(WebhookFault.DUPLICATE);
        String sid = fake.deliverInbound(ALICE_SID, DANA_NUMBER, ALICE_NUMBER, "Twice, archived once");
        awaitAnswers(2);
        assertEquals(List.of(200, 200), answers());
        HostRecords records = service(HostRecords.class);
        await("the reply on Dana's record", () -> count(records.messages(DANA), "twilio:" + sid) > 0);
        assertEquals(1, count(records.messages(DANA), "twilio:" + sid));
        assertTrue(service(MessageArchive.class).find("twilio:" + sid).isPresent());
    }

    @Test
    public void aForgedInboundTextChangesNothing() {
        fake.webhookFault(WebhookFault.FORGED);
        String sid = fake.deliverInbound(ALICE_SID, DANA_NUMBER, ALICE_NUMBER, "Forged");
        awaitAnswers(1);
        assertEquals(List.of(403), answers());
        assertTrue("nothing archived", service(MessageArchive.class).find("twilio:" + sid).isEmpty());
        assertEquals(0, count(service(HostRecords.class).messages(DANA), "twilio:" + sid));
    }

    @Test
    public void aFailedStatusCarriesItsReasonToTheRecord() throws Exception {
        TextMessage sent = service(TextingService.class).send(SendRequest.fromRecord("alice", DANA, "Still interested?")
                .via("twilio"));
        String callback = fake.message(sent.providerMessageId()).statusCallback();
        assertTrue(callback, callback.startsWith(base() + "/twilio/status?o="));
        await("the send archived", () -> service(MessageArchive.class).find(sent.key()).isPresent());
        fake.setStatus(sent.providerMessageId(), "undelivered", 30006);
        awaitAnswers(1);
        assertEquals(List.of(200), answers());
        await("the failure on the record", () -> service(MessageArchive.class).find(sent.key())
                .map(m -> m.status() == DeliveryStatus.FAILED).orElse(false));
        await("the failure announced with its reason", () -> failures.containsKey(sent.key()));
        String reason = failures.get(sent.key());
        assertTrue(reason, reason.contains("landline") && reason.contains("30006"));
        org.atstexting.texting.DeliveryFailure kept = service(MessageArchive.class).find(sent.key()).orElseThrow().failure();
        assertEquals("the record keeps the plain reason and Twilio's code",
                List.of(org.atstexting.texting.DeliveryFailure.Reason.NOT_MOBILE, "30006"),
                List.of(kept.reason(), kept.providerCode()));
    }

    private static long count(List<TextMessage> messages, String key) {
        return messages.stream().filter(m -> m.key().equals(key)).count();
    }
}
