package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RecordType;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * An admin edits plain settings in Config Admin (the web console does the same) while a bulk
 * job runs: the core applies them live. No service is registered anew, the worker thread is
 * the one that was running, and the job goes on to text everyone exactly once.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveConfigurationIT extends TextingTestSupport {

    private static final String ALICE_ACCOUNT = "2065550111";
    private static final int RECIPIENTS = 40;

    @Test
    public void editingPlainSettingsWhileABulkJobRunsRestartsNothingAndTheJobGoesOn() throws Exception {
        coreSettings(props("pollIntervalSeconds", 0));
        bulkSettings(props("bulkSendsPerSecond", 8.0, "sendWindowStart", "00:00", "sendWindowEnd", "00:00"));
        configureInPlace("org.atstexting.zipwhip", props("enabled", true, "apiBaseUrl", sandboxBaseUrl(),
                "sendRatePerSecond", 0), TextingProvider.class, "apiBaseUrl");
        ZipwhipSandbox sandbox = service(ZipwhipSandbox.class);
        sandbox.addAccount("2065550110", "sandbox-system-live");
        sandbox.addAccount(ALICE_ACCOUNT, "sandbox-alice-live");
        service(CredentialService.class).saveSystemCredentials("admin",
                new CredentialsInput("zipwhip", "2065550110", "2065550110", "sandbox-system-live"));
        service(CredentialService.class).saveUserCredentials("alice",
                new CredentialsInput("zipwhip", ALICE_ACCOUNT, ALICE_ACCOUNT, "sandbox-alice-live"));
        sandbox.reset();
        ReferenceHostAdmin host = service(ReferenceHostAdmin.class);
        List<RecordRef> refs = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            RecordRef ref = new RecordRef(RecordType.EMPLOYEE, Integer.toString(9400 + i));
            host.addRecord(ref, "Live Candidate " + i, "+1206554" + String.format("%04d", i));
            refs.add(ref);
        }
        long texting = serviceId(TextingService.class);
        long bulk = serviceId(BulkTextingService.class);
        long optOuts = serviceId(OptOutService.class);

        BulkJob job = service(BulkTextingService.class).start(BulkRequest.message("alice", refs, "Open day live"));
        await("the job under way", () -> sandbox.sent().size() >= 3);
        Thread worker = bulkWorker();

        // a reply text and the region (core), the rate and quiet hours (bulk): all plain settings
        coreSettings(props("pollIntervalSeconds", 0, "helpReply", "Edited while a job runs", "defaultRegion", "CA"));
        bulkSettings(props("bulkSendsPerSecond", 20.0, "sendWindowStart", "00:00", "sendWindowEnd", "00:00"));
        assertTrue("edited before the job ended", state(job) == BulkJob.State.RUNNING);

        await("the job to finish", () -> state(job) == BulkJob.State.DONE);
        assertEquals("the texting service was not registered anew", texting, serviceId(TextingService.class));
        assertEquals("the bulk service was not registered anew", bulk, serviceId(BulkTextingService.class));
        assertEquals("the opt-out service was not registered anew", optOuts, serviceId(OptOutService.class));
        assertTrue("the same worker thread runs", worker == bulkWorker());
        Map<String, Long> perNumber = sandbox.sent().stream().collect(Collectors.groupingBy(m -> m.destAddress(),
                Collectors.counting()));
        assertEquals("everyone texted", RECIPIENTS, perNumber.size());
        assertTrue("nobody twice: " + perNumber, perNumber.values().stream().allMatch(n -> n == 1));
        assertEquals(RECIPIENTS, service(BulkTextingService.class).job("alice", job.id()).sent());
        coreSettings(props("pollIntervalSeconds", 0)); // the defaults again for the tests after this one
    }

    private BulkJob.State state(BulkJob job) {
        try {
            return service(BulkTextingService.class).job("alice", job.id()).state();
        } catch (TextingException e) {
            throw new AssertionError(e);
        }
    }

    /** The one live bulk worker thread. */
    private static Thread bulkWorker() {
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("ats-texting bulk sender") && t.isAlive()).toList();
        assertEquals("one bulk worker: " + workers, 1, workers.size());
        return workers.get(0);
    }
}
