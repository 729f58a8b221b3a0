package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.texting.BulkEvents;
import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.MissingMergeFieldException;
import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.OptOutStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RecordType;
import org.atstexting.texting.RenderedText;
import org.atstexting.texting.SegmentCount;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * What recruiters need beyond the set-up guide, with the real bundles in Felix against the
 * Zipwhip sandbox, counting what the sandbox received: opt-out keywords and their
 * confirmation, refusal on every send path, templates with merge fields, bulk jobs
 * (dedupe, skip reasons, rate, quiet hours, EventAdmin, JSON) that survive a restart of
 * the core without texting anyone twice.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RecruiterRulesIT extends TextingTestSupport {

    private static final String CORE_PID = "org.atstexting.texting.core";
    private static final String ALICE_ACCOUNT = "2065550101";
    private static final String ALICE_NUMBER = "+12065550101";

    private ZipwhipSandbox sandbox;
    private ReferenceHostAdmin host;
    private final List<Event> bulkEvents = Collections.synchronizedList(new ArrayList<>());
    private ServiceRegistration<EventHandler> listener;

    @Before
    public void setUp() throws Exception {
        configureCore(50.0, "00:00", "00:00", 1);
        configureInPlace("org.atstexting.zipwhip", props("enabled", true, "apiBaseUrl", sandboxBaseUrl(),
                "sendRatePerSecond", 0), TextingProvider.class, "apiBaseUrl");
        sandbox = service(ZipwhipSandbox.class);
        sandbox.addAccount("2065550100", "sandbox-system");
        sandbox.addAccount(ALICE_ACCOUNT, "sandbox-alice");
        CredentialService credentials = service(CredentialService.class);
        credentials.saveSystemCredentials("admin",
                new CredentialsInput("zipwhip", "2065550100", "2065550100", "sandbox-system"));
        credentials.saveUserCredentials("alice",
                new CredentialsInput("zipwhip", ALICE_ACCOUNT, ALICE_ACCOUNT, "sandbox-alice"));
        sandbox.reset();
        host = service(ReferenceHostAdmin.class);
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "org/atstexting/bulk/*");
        listener = context().registerService(EventHandler.class, bulkEvents::add, topics);
    }

    @After
    public void tearDown() {
        listener.unregister();
    }

    private void configureCore(double rate, String windowStart, String windowEnd, int pollSeconds) throws Exception {
        // applied live: nothing is re-registered, a job may start at once
        coreSettings(props("pollIntervalSeconds", pollSeconds));
        bulkSettings(props("bulkSendsPerSecond", rate, "sendWindowStart", windowStart, "sendWindowEnd", windowEnd));
    }

    private RecordRef record(String id, String name, String number) {
        RecordRef ref = new RecordRef(RecordType.EMPLOYEE, id);
        host.addRecord(ref, name, number);
        return ref;
    }

    /** What the sandbox received (texts accounts sent), by recipient number in E.164. */
    private Map<String, List<String>> sent() {
        return sandbox.sent().stream().collect(Collectors.groupingBy(m -> "+1" + m.destAddress(),
                Collectors.mapping(SandboxMessage::body, Collectors.toList())));
    }

    // ------------------------------------------------------------------ opt-out

    @Test
    public void stopOptsOutIsConfirmedOnceAndEverySendPathRefusesTheNumber() throws Exception {
        RecordRef kim = record("7001", "Kim Candidate", "+12065557001");
        TextingService texting = service(TextingService.class);
        TemplateService templates = service(TemplateService.class);
        templates.save("admin", "hello", "Hi {{firstName}}");

        sandbox.deliverReply("+12065557001", ALICE_ACCOUNT, "  stop ");
        OptOutService optOuts = service(OptOutService.class);
        await("the STOP to be read", () -> optedOut(optOuts, "+12065557001"));
        await("the confirmation", () -> sent().containsKey("+12065557001"));
        sandbox.deliverReply("+12065557001", ALICE_ACCOUNT, "STOP");
        Thread.sleep(2_500); // two more polls
        assertEquals("exactly one confirmation", 1, sent().get("+12065557001").size());
        assertTrue(sent().get("+12065557001").get(0).contains("unsubscribed"));

        int before = sandbox.sent().size();
        for (Call call : List.<Call>of(
                () -> texting.send(SendRequest.toNumber("alice", "(206) 555-7001", "Hello?")),
                () -> texting.send(SendRequest.fromRecord("alice", kim, "Hello?")),
                () -> templates.send("alice", "hello", kim, null))) {
            try {
                call.run();
                fail("an opted-out number is refused");
            } catch (TextingException e) {
                assertEquals(Reason.OPTED_OUT, e.reason());
            }
        }
        BulkJob job = service(BulkTextingService.class).start(BulkRequest.message("alice", List.of(kim), "Hi all"));
        assertEquals(1, job.skipped());
        assertEquals("nothing more reached the sandbox", before, sandbox.sent().size());

        OptOutStatus status = optOuts.status("alice", kim);
        assertTrue(status.optedOut());
        assertEquals(2, status.history().size());
        assertEquals("stop", status.history().get(0).cause());
        assertEquals(OptOutEvent.INBOUND_TEXT, status.history().get(0).source());
        assertNotNull(status.history().get(0).messageKey());
        // the STOP itself is in the record's conversation
        assertTrue(texting.messages("alice", kim).stream().anyMatch(m -> m.body().equals("  stop ")));

        HostApi api = new HostApi(context().getProperty("org.osgi.service.http.port"));
        HostApi.Reply json = api.call("alice", "GET", "records/employee:7001/consent", null);
        assertEquals(json.body(), 200, json.status());
        assertTrue(json.body(), json.body().contains("\"optedOut\":true"));
        HostApi.Reply refused = api.call("alice", "POST", "messages",
                "{\"record\":\"employee:7001\",\"body\":\"Hello?\"}");
        assertEquals(refused.body(), 409, refused.status());
        assertTrue(refused.body(), refused.body().contains("OPTED_OUT"));
    }

    @Test
    public void nearMissesAreRepliesStartOptsBackInAndHelpIsAnswered() throws Exception {
        RecordRef lee = record("7002", "Lee Candidate", "+12065557002");
        OptOutService optOuts = service(OptOutService.class);
        TextingService texting = service(TextingService.class);

        sandbox.deliverReply("+12065557002", ALICE_ACCOUNT, "Stop. Thank you");
        await("the reply on the record", () -> messages(texting, lee).contains("Stop. Thank you"));
        assertFalse(optOuts.status("alice", lee).optedOut());
        assertEquals(List.of(), optOuts.status("alice", lee).history());

        sandbox.deliverReply("+12065557002", ALICE_ACCOUNT, "END");
        await("the opt-out", () -> optedOut(optOuts, "+12065557002"));
        sandbox.deliverReply("+12065557002", ALICE_ACCOUNT, "Start");
        await("the opt-in", () -> !optedOut(optOuts, "+12065557002"));
        sandbox.deliverReply("+12065557002", ALICE_ACCOUNT, "help");
        await("the help reply", () -> sent().getOrDefault("+12065557002", List.of()).size() == 3);
        List<String> replies = sent().get("+12065557002");
        assertTrue(replies.get(0), replies.get(0).contains("unsubscribed"));
        assertTrue(replies.get(1), replies.get(1).contains("resubscribed"));
        assertTrue(replies.get(2), replies.get(2).contains("STOP to opt out"));

        texting.send(SendRequest.fromRecord("alice", lee, "Welcome back"));
        assertEquals(4, sent().get("+12065557002").size());
    }

    // ------------------------------------------------------------------ templates

    @Test
    public void templatesFillInRecordAndSenderFieldsAndAMissingFieldSendsNothing() throws Exception {
        RecordRef mo = record("7003", "Mo Candidate", "+12065557003");
        RecordRef cher = record("7004", "Cher", "+12065557004");
        host.addRecord(new RecordRef(RecordType.EMPLOYEE, "7005"), "Nia Candidate", "+12065557005",
                Map.of("jobTitle", "Welder"));
        TemplateService templates = service(TemplateService.class);
        try {
            templates.save("alice", "intro", "Hi");
            fail("only admins keep templates");
        } catch (TextingException e) {
            assertEquals(Reason.NOT_PERMITTED, e.reason());
        }
        templates.save("admin", "intro", "Hi {{firstName}} {{lastName}}, {{recruiterName}} here about a {{jobTitle}} job");
        try {
            templates.send("alice", "intro", mo, null);
            fail("Mo has no job title");
        } catch (MissingMergeFieldException e) {
            assertEquals("jobTitle", e.field());
            assertEquals(mo, e.record());
        }
        templates.save("admin", "short", "Hi {{firstName}} {{lastName}}");
        try {
            service(BulkTextingService.class).start(BulkRequest.template("alice", List.of(mo, cher), "short"));
            fail("Cher has no last name");
        } catch (MissingMergeFieldException e) {
            assertEquals("lastName", e.field());
        }
        assertEquals("nothing reached the sandbox", 0, sandbox.sent().size());

        RecordRef nia = new RecordRef(RecordType.EMPLOYEE, "7005");
        RenderedText preview = templates.preview("alice", "intro", nia);
        assertEquals("Hi Nia Candidate, Alice Recruiter here about a Welder job", preview.body());
        assertEquals(SegmentCount.of(preview.body()), preview.segments());
        templates.send("alice", "intro", nia, null);
        assertEquals(List.of(preview.body()), sent().get("+12065557005"));
    }

    // ------------------------------------------------------------------ bulk

    @Test
    public void aBulkJobDedupesSkipsWithReasonsAndTextsEachEligibleRecipientOnce() throws Exception {
        List<RecordRef> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            refs.add(record(Integer.toString(7100 + i), "Bulk Person" + i, "+1206557" + (1100 + i)));
        }
        RecordRef twin = record("7199", "Twin Person", "+12065571100"); // the first one's number
        RecordRef none = record("7198", "No Number", null);
        RecordRef out = record("7197", "Out Person", "+12065571197");
        service(OptOutService.class).optOut("admin", "+12065571197", "asked by phone");
        refs.add(twin);
        refs.add(none);
        refs.add(out);
        refs.add(new RecordRef(RecordType.EMPLOYEE, "404404"));
        refs.add(refs.get(3));

        BulkTextingService bulk = service(BulkTextingService.class);
        long started = System.nanoTime();
        BulkJob job = bulk.start(BulkRequest.message("alice", refs, "Open day on Friday"));
        assertEquals(25, job.total());
        await("the job to finish", () -> done(bulk, job.id()));
        double seconds = (System.nanoTime() - started) / 1e9;

        Map<String, List<String>> sent = sent();
        assertEquals("each of the 20 numbers once", 20, sent.size());
        assertTrue(sent.values().stream().allMatch(texts -> texts.equals(List.of("Open day on Friday"))));
        assertTrue("50 per second: 20 texts take at least ~0.38 s, took " + seconds, seconds >= 0.35);

        Map<String, String> reasons = bulk.recipients("alice", job.id()).stream()
                .filter(r -> r.state() != BulkRecipient.State.SENT)
                .collect(Collectors.toMap(r -> r.index() + " " + r.record(), BulkRecipient::reason));
        assertEquals(Map.of("20 employee:7199", "DUPLICATE_NUMBER", "21 employee:7198", "NO_NUMBER",
                "22 employee:7197", "OPTED_OUT", "23 employee:404404", "RECORD_NOT_FOUND",
                "24 employee:7103", "DUPLICATE_NUMBER"), reasons);
        BulkJob finished = bulk.job("alice", job.id());
        assertEquals(20, finished.sent());
        assertEquals(5, finished.skipped());

        await("the events", () -> topics().contains(BulkEvents.FINISHED));
        assertEquals(1, count(BulkEvents.STARTED));
        assertEquals(25, count(BulkEvents.RECIPIENT));
        HostApi api = new HostApi(context().getProperty("org.osgi.service.http.port"));
        HostApi.Reply progress = api.call("alice", "GET", "bulk/" + job.id(), null);
        assertEquals(progress.body(), 200, progress.status());
        assertTrue(progress.body(), progress.body().contains("\"sent\":20") && progress.body().contains("DONE"));
        HostApi.Reply recipients = api.call("alice", "GET", "bulk/" + job.id() + "/recipients", null);
        assertTrue(recipients.body(), recipients.body().contains("DUPLICATE_NUMBER"));
        assertEquals(403, api.call("bob", "GET", "bulk/" + job.id(), null).status());
        // a bulk job through the JSON endpoint
        HostApi.Reply viaJson = api.call("alice", "POST", "bulk",
                "{\"records\":[\"employee:7101\",\"employee:7102\"],\"body\":\"Second round\"}");
        assertEquals(viaJson.body(), 200, viaJson.status());
        await("the second round", () -> sent().get("+12065571101").size() == 2 && sent().get("+12065571102").size() == 2);
    }

    @Test
    public void outsideQuietHoursABulkJobWaitsAndAfterARestartOfTheCoreSendsEachOnce() throws Exception {
        // a window that is closed now, wherever this runs: it opens in six hours
        java.time.LocalTime now = java.time.LocalTime.now();
        configureCore(20.0, now.plusHours(6).withSecond(0).withNano(0).toString(),
                now.plusHours(7).withSecond(0).withNano(0).toString(), 0);
        List<RecordRef> refs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            refs.add(record(Integer.toString(7200 + i), "Night Person" + i, "+1206557" + (2200 + i)));
        }
        BulkTextingService bulk = service(BulkTextingService.class);
        BulkJob job = bulk.start(BulkRequest.message("alice", refs, "Good morning"));
        await("the job to wait", () -> waitingUntil(bulk, job.id()) != null);
        Thread.sleep(1_000);
        assertEquals("nothing at night", 0, sandbox.sent().size());
        assertEquals(30, bulk.job("alice", job.id()).pending());
        assertTrue(topics().contains(BulkEvents.WAITING));

        // morning comes (quiet hours off); the core restarts with the new configuration
        configureCore(20.0, "00:00", "00:00", 0);
        BulkTextingService restarted = service(BulkTextingService.class);
        await("some texts", () -> sandbox.sent().size() >= 10);
        // and the core bundle is stopped and started in the middle of the job
        Bundle core = bundle("org.atstexting.texting.core");
        core.stop();
        int atStop = sandbox.sent().size();
        core.start();
        BulkTextingService again = service(BulkTextingService.class);
        await("the job to finish", () -> done(again, job.id()));
        assertTrue("stopped in the middle: " + atStop, atStop < 30);
        Map<String, List<String>> sent = sent();
        assertEquals(30, sent.size());
        assertTrue("each once: " + sent, sent.values().stream().allMatch(t -> t.size() == 1));
        assertEquals(30, again.job("alice", job.id()).sent());
        assertNotNull(restarted);
    }

    // ------------------------------------------------------------------ helpers

    private interface Call {
        Object run() throws TextingException;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context().getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }

    private static boolean optedOut(OptOutService optOuts, String number) {
        try {
            return optOuts.status("alice", number).optedOut();
        } catch (TextingException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> messages(TextingService texting, RecordRef ref) {
        try {
            return texting.messages("alice", ref).stream().map(m -> m.body()).toList();
        } catch (TextingException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean done(BulkTextingService bulk, String id) {
        try {
            return bulk.job("alice", id).state() == BulkJob.State.DONE;
        } catch (TextingException e) {
            throw new AssertionError(e);
        }
    }

    private static java.time.Instant waitingUntil(BulkTextingService bulk, String id) {
        try {
            return bulk.job("alice", id).waitingUntil();
        } catch (TextingException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> topics() {
        synchronized (bulkEvents) {
            return bulkEvents.stream().map(Event::getTopic).toList();
        }
    }

    private long count(String topic) {
        return topics().stream().filter(topic::equals).count();
    }

}
