package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.UUID;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostRecords;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** Where texts land: every record with the number, never a deleted one, status only forward. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ArchiveRulesIT extends TextingTestSupport {

    private static final String ALICE_ACCOUNT = "2065550101";

    private ZipwhipSandbox sandbox;
    private ReferenceHostAdmin host;
    private HostRecords records;

    @Before
    public void setUp() throws Exception {
        sandbox = useTheSandbox(1);
        host = service(ReferenceHostAdmin.class);
        records = service(HostRecords.class);
        CredentialService credentials = service(CredentialService.class);
        if (credentials.systemCredentials("admin", "zipwhip").isEmpty()) {
            credentials.saveSystemCredentials("admin",
                    new CredentialsInput("zipwhip", "2065550100", "2065550100", "sandbox-system"));
            credentials.saveUserCredentials("alice",
                    new CredentialsInput("zipwhip", ALICE_ACCOUNT, ALICE_ACCOUNT, "sandbox-alice"));
        }
    }

    @Test
    public void aTextSentToANumberLandsOnEveryRecordWithThatNumber() throws Exception {
        RecordRef employee = RecordRef.parse("employee:7101");
        RecordRef contact = RecordRef.parse("contact:7102");
        host.addRecord(employee, "Hana Candidate", "(206) 555-0141");
        host.addRecord(contact, "Ike Employer", "+1 206 555 0141");

        TextMessage sent = service(TextingService.class).send(SendRequest.toNumber("alice", "206-555-0141", "Hi both"));

        await("the text on both records", () -> count(employee, sent.key()) > 0 && count(contact, sent.key()) > 0);
        assertEquals(1, count(employee, sent.key()));
        assertEquals(1, count(contact, sent.key()));
        TextMessage onRecord = records.messages(employee).stream().filter(m -> m.key().equals(sent.key()))
                .findFirst().orElseThrow();
        assertEquals("who sent it", "alice", onRecord.userId());
        assertEquals("zipwhip", onRecord.provider());
        assertEquals(sent.providerMessageId(), onRecord.providerMessageId());
    }

    @Test
    public void aDeletedRecordReceivesNoMoreTexts() throws Exception {
        RecordRef kept = RecordRef.parse("employee:7201");
        RecordRef deleted = RecordRef.parse("contact:7202");
        host.addRecord(kept, "Jo Candidate", "+12065550142");
        host.addRecord(deleted, "Kai Employer", "+12065550142");
        assertTrue(host.deleteRecord(deleted));

        String body = "after the delete " + UUID.randomUUID();
        sandbox.deliverReply("+12065550142", ALICE_ACCOUNT, body);
        await("the reply on the kept record", () -> records.messages(kept).stream().anyMatch(m -> m.body().equals(body)));
        assertEquals(List.of(), records.messages(deleted));
    }

    @Test
    public void aDeliveryStatusMovesForwardOnTheRecordAndNeverBack() throws Exception {
        RecordRef employee = RecordRef.parse("employee:7301");
        host.addRecord(employee, "Lee Candidate", "+12065550143");
        TextMessage sent = service(TextingService.class).send(SendRequest.fromRecord("alice", employee, "Status?"));
        await("the text on the record", () -> status(employee, sent.key()) != null);
        assertEquals(DeliveryStatus.QUEUED, status(employee, sent.key()));

        long id = Long.parseLong(sent.providerMessageId());
        sandbox.setStatus(id, "DELIVERED");
        await("DELIVERED on the record", () -> status(employee, sent.key()) == DeliveryStatus.DELIVERED);
        sandbox.setStatus(id, "SENT"); // a late report
        Thread.sleep(2_500); // two polls
        assertEquals(DeliveryStatus.DELIVERED, status(employee, sent.key()));
        assertEquals(1, count(employee, sent.key()));
    }

    private long count(RecordRef ref, String key) {
        return records.messages(ref).stream().filter(m -> m.key().equals(key)).count();
    }

    private DeliveryStatus status(RecordRef ref, String key) {
        return records.messages(ref).stream().filter(m -> m.key().equals(key)).map(TextMessage::status)
                .findFirst().orElse(null);
    }
}
