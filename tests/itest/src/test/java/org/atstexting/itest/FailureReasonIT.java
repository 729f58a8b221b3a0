package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.StatusUpdate;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Why a text failed, in words a recruiter understands with the provider's code, from the
 * provider's status news to the record: through the texting service and the record's JSON.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FailureReasonIT extends TextingTestSupport {

    private static final RecordRef ELI = RecordRef.parse("employee:1002");
    private static final String ALICE_ACCOUNT = "2065550101";

    @Before
    public void setUp() throws Exception {
        useTheSandbox(0);
        CredentialService credentials = service(CredentialService.class);
        if (credentials.systemCredentials("admin", "zipwhip").isEmpty()) {
            credentials.saveSystemCredentials("admin",
                    new CredentialsInput("zipwhip", "2065550100", "2065550100", "sandbox-system"));
            credentials.saveUserCredentials("alice",
                    new CredentialsInput("zipwhip", ALICE_ACCOUNT, ALICE_ACCOUNT, "sandbox-alice"));
        }
    }

    @Test
    public void aFailedStatusWithACodeShowsItsPlainSentenceAndCodeOnTheRecord() throws Exception {
        TextingService texting = service(TextingService.class);
        TextMessage sent = texting.send(SendRequest.fromRecord("alice", ELI, "will fail " + UUID.randomUUID()));
        await("the text on Eli's record", () -> on(texting, sent.key()).isPresent());

        DeliveryFailure unreachable = new DeliveryFailure(DeliveryFailure.Reason.UNREACHABLE, "30003",
                "Unreachable destination handset");
        service(ProviderCallback.class).statusChanged("zipwhip", new StatusUpdate(sent.providerMessageId(),
                DeliveryStatus.FAILED, "Unreachable destination handset", Instant.now(), unreachable));

        await("the failure on Eli's record", () -> on(texting, sent.key())
                .filter(m -> m.status() == DeliveryStatus.FAILED).isPresent());
        TextMessage failed = on(texting, sent.key()).orElseThrow();
        assertEquals("through the service", unreachable, failed.failure());

        HostApi api = new HostApi(context().getProperty("org.osgi.service.http.port"));
        HostApi.Reply json = api.call("alice", "GET", "records/" + ELI + "/messages?limit=500", null);
        assertEquals(json.body(), 200, json.status());
        assertTrue("the plain sentence with the code: " + json.body(), json.body().contains(
                "\"failureReason\":\"" + unreachable.describe() + "\""));
        assertTrue("the provider's code: " + json.body(), json.body().contains("\"providerCode\":\"30003\""));
    }

    private static Optional<TextMessage> on(TextingService texting, String key) {
        try {
            return texting.messages("alice", ELI).stream().filter(m -> m.key().equals(key)).findFirst();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
