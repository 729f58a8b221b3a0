package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;

import org.atstexting.sandbox.zipwhip.SandboxCall;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
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
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The runnable slice end to end, with the real bundles: permission check, credentials,
 * the Zipwhip provider over HTTP against the sandbox, and the archive on host records.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SendAndArchiveIT extends TextingTestSupport {

    private static final RecordRef DANA = RecordRef.parse("employee:1001");
    private static final RecordRef GUS = RecordRef.parse("contact:2002"); // shares Dana's number
    private static final String DANA_NUMBER = "+12065550123";
    private static final String ALICE_ACCOUNT = "2065550101";

    private ZipwhipSandbox sandbox;

    @Before
    public void pointZipwhipAtTheSandbox() throws Exception {
        sandbox = useTheSandbox(0);
        sandbox.reset();
    }

    @Test
    public void aUserWithoutCanTextIsRefusedAndNothingIsSent() {
        try {
            service(TextingService.class).send(SendRequest.toNumber("bob", DANA_NUMBER, "Hello from Bob"));
            fail("bob has no Can Text");
        } catch (TextingException e) {
            assertEquals(Reason.NOT_PERMITTED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("Can Text"));
        }
        assertEquals("the sandbox received nothing", List.of(), sandbox.calls());
    }

    @Test
    public void aRecruiterTextsAnEmployeeAndTheConversationLandsOnTheRecord() throws Exception {
        CredentialService credentials = service(CredentialService.class);
        TextingService texting = service(TextingService.class);
        HostRecords records = service(HostRecords.class);

        // the admin enters the system credentials and presses Test
        credentials.saveSystemCredentials("admin",
                new CredentialsInput("zipwhip", "2065550100", "(206) 555-0100", "sandbox-system"));
        CredentialCheck check = credentials.testSystemCredentials("admin", "zipwhip");
        assertTrue(check.message(), check.ok());

        // the recruiter adds her own
        credentials.saveUserCredentials("alice",
                new CredentialsInput("zipwhip", ALICE_ACCOUNT, "206-555-0101", "sandbox-alice"));
        sandbox.reset();

        // she texts Dana from Dana's record
        TextMessage sent = texting.send(SendRequest.fromRecord("alice", DANA, "Hi Dana, are you free Tuesday?"));
        assertEquals(DANA_NUMBER, sent.to());
        assertEquals("+12065550101", sent.from());
        assertEquals("alice", sent.userId());

        List<SandboxCall> logins = sandbox.calls("user/login");
        assertEquals("exactly one login", 1, logins.size());
        assertEquals(ALICE_ACCOUNT, logins.get(0).params().get("username"));
        List<SandboxCall> sends = sandbox.calls("message/send");
        assertEquals("exactly one send", 1, sends.size());
        assertEquals(DANA_NUMBER, sends.get(0).params().get("contacts"));
        assertEquals("Hi Dana, are you free Tuesday?", sends.get(0).params().get("body"));
        assertEquals(1, sandbox.sent().size());
        assertEquals(Long.toString(sandbox.sent().get(0).id()), sent.providerMessageId());

        // the archive attaches at once, or within its retry if the host's record service was
        // momentarily away: wait for it, then it must be there once
        await("the text on Dana's record", () -> count(records.messages(DANA), sent.key()) > 0);
        assertEquals("on Dana's record once", 1, count(records.messages(DANA), sent.key()));
        assertEquals("sent from Dana's record, so not on Gus's", 0, count(records.messages(GUS), sent.key()));

        // Dana replies; polling (switched on now) archives it on every record with her number
        coreSettings(props("pollIntervalSeconds", 1));
        sandbox.deliverReply(DANA_NUMBER, ALICE_ACCOUNT, "Yes, Tuesday works");
        await("the reply on Dana's and Gus's records", () -> hasReply(records, DANA) && hasReply(records, GUS));

        Thread.sleep(2_500); // two more polls must not attach it again
        assertEquals(1, records.messages(DANA).stream().filter(m -> m.body().equals("Yes, Tuesday works")).count());
        TextMessage reply = records.messages(DANA).stream().filter(m -> m.direction() == Direction.INBOUND)
                .filter(m -> m.body().equals("Yes, Tuesday works")).findFirst().orElseThrow();
        assertEquals(DANA_NUMBER, reply.from());
        assertEquals("+12065550101", reply.to());
        assertFalse(service(org.atstexting.texting.archive.MessageArchive.class).unmatched().contains(reply));
    }

    private static boolean hasReply(HostRecords records, RecordRef ref) {
        return records.messages(ref).stream()
                .anyMatch(m -> m.direction() == Direction.INBOUND && m.body().equals("Yes, Tuesday works"));
    }

    private static long count(List<TextMessage> messages, String key) {
        return messages.stream().filter(m -> m.key().equals(key)).count();
    }
}
