package org.atstexting.itest;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
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
 * Any Unicode, end to end in Felix: texts sent through the core reach Zipwhip (the sandbox,
 * which decodes forms by their declared charset) exactly as written, and the record shows
 * the same text; a reply with the same characters comes back to the record intact.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ZipwhipUnicodeIT extends TextingTestSupport {

    private static final RecordRef DANA = RecordRef.parse("employee:1001");
    private static final String DANA_NUMBER = "+12065550123";
    private static final String ALICE_ACCOUNT = "2065550101";
    private static final List<String> BODIES = List.of(
            "Ünïcode € 😀",
            "Crème brûlée à la carte, señor Müller",
            "GSM-7 extension: ^ { } \\ [ ] ~ | €",
            "Emoji 👍🏽 and a family 👨‍👩‍👧",
            "日本語のテキスト、中文短信、한국어 문자");

    private ZipwhipSandbox sandbox;
    private TextingService texting;

    @Before
    public void zipwhipOnTheSandbox() throws Exception {
        sandbox = useTheSandbox(1);
        sandbox.clearFaults();
        sandbox.reset();
        configureInPlace("org.atstexting.zipwhip", props("enabled", true, "apiBaseUrl", sandboxBaseUrl(),
                "itestRun", Long.toString(System.nanoTime())), TextingProvider.class, "itestRun");
        service(CredentialService.class).saveSystemCredentials("admin",
                new CredentialsInput("zipwhip", "2065550100", "(206) 555-0100", "sandbox-system"));
        service(CredentialService.class).saveUserCredentials("alice",
                new CredentialsInput("zipwhip", ALICE_ACCOUNT, "206-555-0101", "sandbox-alice"));
        texting = service(TextingService.class);
    }

    @Test
    public void everyBodyReachesZipwhipAndTheRecordExactlyAsWritten() throws Exception {
        HostRecords records = service(HostRecords.class);
        for (String body : BODIES) {
            TextMessage sent = texting.send(SendRequest.fromRecord("alice", DANA, body));
            SandboxMessage stored = sandbox.sent().get(sandbox.sent().size() - 1);
            assertEquals("the text Zipwhip stored", body, stored.body());
            assertEquals(Long.toString(stored.id()), sent.providerMessageId());
            await("the text on Dana's record", () -> records.messages(DANA).stream()
                    .anyMatch(m -> m.key().equals(sent.key()) && m.body().equals(body)));
        }
        assertEquals("one text per send", BODIES.size(), sandbox.sent().size());

        sandbox.deliverReply(DANA_NUMBER, ALICE_ACCOUNT, "Ça marche 👍 – 明天见");
        await("the reply on Dana's record, intact", () -> records.messages(DANA).stream()
                .anyMatch(m -> m.direction() == Direction.INBOUND && m.body().equals("Ça marche 👍 – 明天见")));
    }
}
