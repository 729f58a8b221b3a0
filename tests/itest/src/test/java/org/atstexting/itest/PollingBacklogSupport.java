package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RecordType;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.junit.Before;
import org.junit.Test;

/**
 * Polling never skips a message, through the real core and a provider's fake: a STOP just
 * before a burst of 1,100 texts is honoured, a 5,000-text backlog after an outage is on its
 * records completely and once, and a bulk text whose answer was lost is resolved, with more
 * than a page of messages after it, without a second text. Each provider's itest supplies
 * how texts arrive at its fake and what the fake received.
 */
public abstract class PollingBacklogSupport extends TextingTestSupport {

    protected static final String CORE_PID = "org.atstexting.texting.core";
    /** Long waits: thousands of texts go through the archive to the reference host's records. */
    private static final long BACKLOG_TIMEOUT_MS = 240_000;

    protected ReferenceHostAdmin host;

    /** The provider's key, e.g. {@code twilio}. */
    protected abstract String provider();

    /** Points the provider at its fake and makes the fake's accounts. */
    protected abstract void setUpProvider() throws Exception;

    /** The system account's and alice's credentials at the fake: username, phone number, password. */
    protected abstract String[] systemAccount();

    protected abstract String[] aliceAccount();

    /** A text from {@code from} (E.164) reaches alice's account. */
    protected abstract void deliver(String from, String body);

    /** Texts reach alice's account in a burst: {@code fromAndBody} pairs, 25 a second. */
    protected abstract void deliverBurst(List<String[]> fromAndBody);

    /** How many texts the fake received for {@code to} (E.164) from the accounts. */
    protected abstract long sentTo(String to);

    /** The fake stores the next text sent, then answers with an error: the answer is lost. */
    protected abstract void loseTheNextSendAnswer();

    /** How a bulk recipient whose send was under way ends, once looked up: the provider's own rule. */
    protected abstract void assertResolvedInFlight(BulkRecipient recipient);

    @Before
    public void setUpPollingBacklog() throws Exception {
        // the reference host keeps its records in the shared database (host_* tables), one per framework
        // run: each test adds records with numbers of its own, so other tests' texts stay out of the way
        polling(1);
        setUpProvider();
        CredentialService credentials = service(CredentialService.class);
        String[] system = systemAccount();
        String[] alice = aliceAccount();
        credentials.saveSystemCredentials("admin", new CredentialsInput(provider(), system[0], system[1], system[2]));
        credentials.saveUserCredentials("alice", new CredentialsInput(provider(), alice[0], alice[1], alice[2]));
        host = service(ReferenceHostAdmin.class);
    }

    /** The core polls every {@code seconds} (0: never), two batches per account a round, quiet hours off. */
    protected void polling(int seconds) throws Exception {
        // applied live: nothing is re-registered (a job started on a replaced instance once waited for ever)
        coreSettings(props("pollIntervalSeconds", seconds, "pollBatchesPerRound", 2));
        bulkSettings(props("bulkSendsPerSecond", 50.0, "sendWindowStart", "00:00", "sendWindowEnd", "00:00"));
    }

    private RecordRef record(String id, String name, String number) {
        RecordRef ref = new RecordRef(RecordType.EMPLOYEE, id);
        host.addRecord(ref, name, number);
        return ref;
    }

    /** The account has been read before: a text that arrives now is on its record. */
    private void aFirstTextIsRead(String number) throws Exception {
        RecordRef first = record(number.substring(2), "First Person", number);
        deliver(number, "Hello");
        HostRecords records = service(HostRecords.class);
        await("the first text on its record", () -> !records.messages(first).isEmpty());
    }

    @Test
    public void aStopJustBeforeABurstOfElevenHundredTextsIsHonoured() throws Exception {
        aFirstTextIsRead("+12065558000");
        String kim = "+12065558001";
        RecordRef kimRecord = record("8001", "Kim Candidate", kim);
        deliver(kim, "STOP");
        List<String[]> burst = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            burst.add(new String[] { "+1206559" + String.format("%04d", i), "Yes " + i });
        }
        deliverBurst(burst);

        OptOutService optOuts = service(OptOutService.class);
        awaitLong("Kim's STOP to be read", () -> optedOut(optOuts, kim));
        awaitLong("the one confirmation", () -> sentTo(kim) == 1);
        TextingService texting = service(TextingService.class);
        try {
            texting.send(SendRequest.fromRecord("alice", kimRecord, "Are you still interested?"));
            fail("Kim opted out");
        } catch (TextingException e) {
            assertEquals(Reason.OPTED_OUT, e.reason());
        }
        assertEquals("nothing but the confirmation reached Kim", 1, sentTo(kim));
    }

    @Test
    public void aBacklogOfFiveThousandAfterAnOutageIsOnItsRecordsCompletelyAndOnce() throws Exception {
        aFirstTextIsRead("+12065558100");
        List<HostRecord> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add(new HostRecord(new RecordRef(RecordType.EMPLOYEE, Integer.toString(8200 + i)), "Backlog Person " + i,
                    "+1206558" + (2000 + i)));
        }
        host.addRecords(people);

        polling(0); // the outage: nobody reads while 5,000 texts arrive, 100 from each person
        List<String[]> backlog = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            for (HostRecord person : people) {
                backlog.add(new String[] { person.phoneNumber(), "Reply " + n + " of " + person.displayName() });
            }
        }
        deliverBurst(backlog);
        polling(1);

        HostRecords records = service(HostRecords.class);
        awaitLong("5,000 texts on their records", () -> people.stream()
                .mapToInt(p -> inbound(records, p.ref()).size()).sum() >= 5_000);
        Thread.sleep(2_000); // a few more polls: nothing more may come
        for (HostRecord person : people) {
            List<TextMessage> texts = inbound(records, person.ref());
            assertEquals(person.displayName() + ": each of 100 once", 100, texts.size());
            assertEquals(100, new HashSet<>(texts.stream().map(TextMessage::key).toList()).size());
            assertEquals(100, new HashSet<>(texts.stream().map(TextMessage::body).toList()).size());
        }
    }

    @Test
    public void aBulkTextUnderWayIsResolvedWithMoreThanAPageAfterItAndNobodyTextedTwice() throws Exception {
        aFirstTextIsRead("+12065558300");
        polling(0); // only the bulk job's own look-up reads the account
        RecordRef lou = record("8301", "Lou Candidate", "+12065558301");
        RecordRef pat = record("8302", "Pat Candidate", "+12065558302");
        loseTheNextSendAnswer();
        BulkTextingService bulk = service(BulkTextingService.class);
        BulkJob job = bulk.start(BulkRequest.message("alice", List.of(lou, pat), "Open day on Friday"));
        awaitLong("the provider to take Lou's text", () -> sentTo("+12065558301") == 1);
        List<String[]> after = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            after.add(new String[] { "+1206559" + String.format("%04d", i), "Later " + i });
        }
        deliverBurst(after); // more than a page of messages after the text under way, before its look-up

        awaitLong("the job to finish", () -> state(service(BulkTextingService.class), job.id()) == BulkJob.State.DONE);
        List<BulkRecipient> recipients = service(BulkTextingService.class).recipients("alice", job.id());
        assertResolvedInFlight(recipients.get(0));
        assertEquals(BulkRecipient.State.SENT, recipients.get(1).state());
        assertEquals("Lou texted once", 1, sentTo("+12065558301"));
        assertEquals("Pat texted once", 1, sentTo("+12065558302"));
    }

    // ------------------------------------------------------------------ helpers

    private static List<TextMessage> inbound(HostRecords records, RecordRef ref) {
        return records.messages(ref).stream().filter(m -> m.direction() == org.atstexting.texting.Direction.INBOUND)
                .toList();
    }

    private static boolean optedOut(OptOutService optOuts, String number) {
        try {
            return optOuts.status("alice", number).optedOut();
        } catch (TextingException e) {
            throw new AssertionError(e);
        }
    }

    private static BulkJob.State state(BulkTextingService bulk, String id) {
        try {
            return bulk.job("alice", id).state();
        } catch (TextingException e) {
            throw new AssertionError(e);
        }
    }

    protected static void awaitLong(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + BACKLOG_TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("Timed out waiting for " + what + diagnostics());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

}
