package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.atstexting.fake.textus.StandaloneTextusFake;
import org.atstexting.fake.textus.TextusFakeEngine;
import org.atstexting.fake.textus.WebhookAttempt;
import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The TextUs provider through the real core against the TextUs fake on the same HTTP
 * whiteboard: credentials and Test, a send, a reply by signed webhook and one by polling
 * (each on the record once), and a {@code contact.opted_out} webhook that refuses the next send.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TextusIT extends TextingTestSupport {

    private static final RecordRef DANA = RecordRef.parse("employee:1001");
    private static final String DANA_NUMBER = "+12065550123";
    private static final String ACCOUNT = "acme-staffing";
    private static final String ACCOUNT_NUMBER = "+12065550100";

    @Test
    public void aRecruiterTextsThroughTextUsAndRepliesAndOptOutsLandOnce() throws Exception {
        String root = "http://127.0.0.1:" + context().getProperty("org.osgi.service.http.port");
        coreSettings(props("pollIntervalSeconds", 0));
        service(TextingProvider.class, "(" + TextingProvider.PROVIDER_PROPERTY + "=textus)");
        configureInPlace("org.atstexting.textus", props("enabled", true, "apiBaseUrl", root
                + StandaloneTextusFake.BASE_PATH, "accountSlug", ACCOUNT, "callbackBaseUrl", root),
                TextingProvider.class, "accountSlug");
        TextusFakeEngine fake = service(TextusFakeEngine.class);
        fake.reset();
        CredentialService credentials = service(CredentialService.class);
        TextingService texting = service(TextingService.class);
        HostRecords records = service(HostRecords.class);

        // Test says plainly whether the token works; a good one also registers the webhook
        credentials.saveSystemCredentials("admin",
                new CredentialsInput("textus", "ada_admin", ACCOUNT_NUMBER, "not-the-token"));
        CredentialCheck wrong = credentials.testSystemCredentials("admin", "textus");
        assertEquals(wrong.message(), CredentialCheck.Outcome.BAD_CREDENTIALS, wrong.outcome());
        credentials.saveSystemCredentials("admin",
                new CredentialsInput("textus", "ada_admin", ACCOUNT_NUMBER, "textus-token-system"));
        CredentialCheck check = credentials.testSystemCredentials("admin", "textus");
        assertTrue(check.message(), check.ok());
        credentials.saveUserCredentials("alice",
                new CredentialsInput("textus", "alice_r", ACCOUNT_NUMBER, "textus-token-alice"));
        assertTrue(credentials.testUserCredentials("alice", "textus").ok());
        assertEquals(List.of(root + "/textus/webhook"), fake.integrationUrls(ACCOUNT));

        // a send, stored at TextUs exactly once with its exact body
        String body = "Hi Dana, café at 3 € 😀?";
        TextMessage sent = texting.send(SendRequest.fromRecord("alice", DANA, body).via("textus"));
        assertEquals(1, fake.sent().size());
        assertEquals(body, fake.sent().get(0).body());
        assertEquals("alice_r", fake.sent().get(0).sender());
        assertEquals("/messages/" + sent.providerMessageId(), fake.sent().get(0).id());

        // a reply by signed webhook: on the record once
        fake.receive(ACCOUNT, DANA_NUMBER, "Yes, by webhook");
        WebhookAttempt attempt = fake.webhookAttempts().get(fake.webhookAttempts().size() - 1);
        assertEquals(200, attempt.status());
        await("the webhook reply on Dana's record", () -> replies(records, "Yes, by webhook") == 1);

        // a reply whose webhook was lost: polling brings it, and reads the webhook one again without doubling it
        fake.receiveQuietly(ACCOUNT, DANA_NUMBER, "And by poll");
        coreSettings(props("pollIntervalSeconds", 1));
        await("the polled reply on Dana's record", () -> replies(records, "And by poll") == 1);
        Thread.sleep(2_500); // more polls attach nothing again
        assertEquals(1, replies(records, "Yes, by webhook"));
        assertEquals(1, replies(records, "And by poll"));

        // Dana opts out at TextUs: the contact.opted_out webhook refuses the next send, nothing reaches TextUs
        fake.contactOptsOut(ACCOUNT, DANA_NUMBER);
        assertEquals(200, fake.webhookAttempts().get(fake.webhookAttempts().size() - 1).status());
        try {
            texting.send(SendRequest.fromRecord("alice", DANA, "One more thing").via("textus"));
            fail("sent to a number that opted out at TextUs");
        } catch (TextingException e) {
            assertEquals(Reason.OPTED_OUT, e.reason());
        }
        assertEquals(1, fake.sent().size());
    }

    private static long replies(HostRecords records, String body) {
        return records.messages(DANA).stream()
                .filter(m -> m.direction() == Direction.INBOUND && m.body().equals(body)).count();
    }
}
