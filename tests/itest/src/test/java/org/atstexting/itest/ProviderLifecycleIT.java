package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.atstexting.fake.twilio.TwilioFake;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * Both providers installed at once, and each provider bundle stopped, started, updated,
 * uninstalled and installed again while a background thread keeps sending through
 * {@link TextingService} via both. While a provider is away its sends are refused with
 * PROVIDER_UNAVAILABLE and a message naming it; the other provider, the core and the archive
 * keep running; every text sent stays on the record; sends work again when it is back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderLifecycleIT extends TextingTestSupport {

    private static final RecordRef DANA = RecordRef.parse("employee:1001");
    private static final String TWILIO = "twilio";
    private static final String ZIPWHIP = "zipwhip";
    private static final String TWILIO_BSN = "org.atstexting.texting.twilio";
    private static final String ZIPWHIP_BSN = "org.atstexting.texting.zipwhip";
    private static final String ALICE_TWILIO_SID = "AC00000000000000000000000000000101";

    /** One send of the background thread: a message, or why it was refused. */
    record Outcome(String provider, String phase, TextMessage sent, TextingException refused, RuntimeException crash) {
    }

    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private volatile String phase = "setup";
    private volatile boolean sending;
    private Thread sender;

    @Before
    public void bothProvidersAgainstTheirFakes() throws Exception {
        // records of its own: the other itests' texts (same provider message ids) stay out of the way
        configure("org.atstexting.reference.host", props("dataDirectory", "ats-texting-data-lifecycle-" + System.nanoTime()),
                HostRecords.class);
        coreSettings(props("pollIntervalSeconds", 0));
        configureProvider("org.atstexting.zipwhip", ZIPWHIP, sandboxBaseUrl());
        configureProvider("org.atstexting.twilio", TWILIO, twilioFakeBaseUrl());
        service(ZipwhipSandbox.class).reset();
        service(TwilioFake.class).reset();

        CredentialService credentials = service(CredentialService.class);
        credentials.saveSystemCredentials("admin",
                new CredentialsInput(ZIPWHIP, "2065550100", "(206) 555-0100", "sandbox-system"));
        credentials.saveSystemCredentials("admin",
                new CredentialsInput(TWILIO, "AC00000000000000000000000000000100", "+1 206 555 0100", "fake-token-system"));
        assertTrue(credentials.testSystemCredentials("admin", TWILIO).message(),
                credentials.testSystemCredentials("admin", TWILIO).ok());
        credentials.saveUserCredentials("alice", new CredentialsInput(ZIPWHIP, "2065550101", "206-555-0101", "sandbox-alice"));
        credentials.saveUserCredentials("alice", new CredentialsInput(TWILIO, ALICE_TWILIO_SID, "206-555-0101", "fake-token-alice"));
        assertTrue(credentials.testUserCredentials("alice", TWILIO).message(),
                credentials.testUserCredentials("alice", TWILIO).ok());
    }

    private String twilioFakeBaseUrl() {
        return "http://127.0.0.1:" + context().getProperty("org.osgi.service.http.port") + TwilioFake.BASE_PATH;
    }

    /** Configures one provider (by its key) and waits until its service shows the new base URL. */
    private void configureProvider(String pid, String key, String baseUrl) throws Exception {
        String filter = "(" + TextingProvider.PROVIDER_PROPERTY + "=" + key + ")";
        service(TextingProvider.class, filter);
        service(org.osgi.service.cm.ConfigurationAdmin.class).getConfiguration(pid, "?")
                .update(props("enabled", true, "apiBaseUrl", baseUrl));
        String configured = "(&" + filter + "(apiBaseUrl=" + baseUrl + "))";
        await(key + " to be configured", () -> {
            try {
                return context().getServiceReferences(TextingProvider.class.getName(), configured) != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    @After
    public void stopTheSender() throws InterruptedException {
        sending = false;
        if (sender != null) {
            sender.join(TIMEOUT_MS);
        }
    }

    @Test
    public void providersComeAndGoWhileSendsRunAndNothingElseNotices() throws Exception {
        TextingService texting = service(TextingService.class);
        long textingServiceId = serviceId(TextingService.class);
        startSending(texting);

        up("both up");
        cycle(TWILIO, TWILIO_BSN, ZIPWHIP);
        cycle(ZIPWHIP, ZIPWHIP_BSN, TWILIO);
        stopSending();

        // the core was never re-registered, and every bundle but the one being cycled kept running
        assertEquals("the texting service stayed registered throughout", textingServiceId, serviceId(TextingService.class));
        for (Bundle b : context().getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("org.atstexting")) {
                assertEquals(b.getSymbolicName() + " is active", Bundle.ACTIVE, b.getState());
            }
        }
        // nothing crashed the caller: refusals are typed
        List<Outcome> crashes = outcomes.stream().filter(o -> o.crash() != null).toList();
        assertTrue("unexpected exceptions: " + crashes, crashes.isEmpty());
        // every text that was sent is on Dana's record, exactly once
        HostRecords records = service(HostRecords.class);
        List<Outcome> sent = outcomes.stream().filter(o -> o.sent() != null).toList();
        List<String> sentKeys = sent.stream().map(o -> o.sent().key()).toList();
        await("every text sent on the record",
                () -> records.messages(DANA).stream().map(TextMessage::key).toList().containsAll(sentKeys));
        Map<String, Long> onRecord = records.messages(DANA).stream()
                .collect(Collectors.groupingBy(TextMessage::key, Collectors.counting()));
        assertTrue(sent.size() > 20);
        for (Outcome o : sent) {
            assertEquals("on the record once: " + o.sent().key(), Long.valueOf(1), onRecord.get(o.sent().key()));
        }
        assertTrue("twilio's texts went to the fake", service(TwilioFake.class).sent().size()
                >= sent.stream().filter(o -> o.provider().equals(TWILIO)).count());
    }

    /** Stops, starts, updates, uninstalls and re-installs one provider bundle while the other keeps sending. */
    private void cycle(String key, String bsn, String other) throws Exception {
        Bundle bundle = bundle(bsn);
        transition(key + " stopping", bundle::stop);
        away(key, key + " stopped", other);
        transition(key + " starting", bundle::start);
        awaitProvider(key);
        up(key + " started");

        transition(key + " updating", bundle::update);
        awaitProvider(key);
        up(key + " updated");

        String location = bundle.getLocation();
        transition(key + " uninstalling", bundle::uninstall);
        away(key, key + " uninstalled", other);
        assertArchivedSoFar();
        transition(key + " installing", () -> context().installBundle(location).start());
        awaitProvider(key);
        up(key + " reinstalled");
    }

    private interface BundleAction {
        void run() throws BundleException;
    }

    private void transition(String name, BundleAction action) throws BundleException {
        phase = name;
        action.run();
    }

    /** The provider is away: its sends are refused plainly, the other provider's go through. */
    private void away(String key, String name, String other) {
        phase = name;
        awaitOutcomes(name, key, 3, false);
        awaitOutcomes(name, other, 3, true);
        for (Outcome o : inPhase(name)) {
            if (o.provider().equals(key)) {
                assertTrue(name + ": a send through " + key + " went out", o.refused() != null);
                assertEquals(o.refused().getMessage(), Reason.PROVIDER_UNAVAILABLE, o.refused().reason());
                assertTrue(o.refused().getMessage(),
                        o.refused().getMessage().startsWith("No texting provider '" + key + "' is installed"));
            } else {
                assertTrue(name + ": " + other + " must keep working: " + o, o.sent() != null);
            }
        }
    }

    /** Both providers are there: every send of this phase goes out. */
    private void up(String name) throws InterruptedException {
        Thread.sleep(200); // let the core's provider registry see the service before the phase counts
        phase = name;
        awaitOutcomes(name, TWILIO, 3, true);
        awaitOutcomes(name, ZIPWHIP, 3, true);
        for (Outcome o : inPhase(name)) {
            assertTrue(name + ": every send goes out, but " + o, o.sent() != null);
        }
    }

    private void assertArchivedSoFar() {
        // the sender keeps going: take the outcomes first, so each was archived before the record is read
        List<Outcome> soFar = List.copyOf(outcomes);
        HostRecords records = service(HostRecords.class);
        List<String> expected = soFar.stream().filter(o -> o.sent() != null).map(o -> o.sent().key()).toList();
        // attached at once, or within the archive's retry if the host's service was momentarily away
        await("every text sent so far on the record",
                () -> records.messages(DANA).stream().map(TextMessage::key).toList().containsAll(expected));
    }

    private void awaitProvider(String key) {
        service(TextingProvider.class, "(" + TextingProvider.PROVIDER_PROPERTY + "=" + key + ")");
    }

    private void awaitOutcomes(String name, String provider, int count, boolean sentOnes) {
        await(count + (sentOnes ? " sent" : " refused") + " texts through " + provider + " in phase '" + name + "'",
                () -> inPhase(name).stream().filter(o -> o.provider().equals(provider))
                        .filter(o -> sentOnes ? o.sent() != null : o.sent() == null).count() >= count);
    }

    private List<Outcome> inPhase(String name) {
        return outcomes.stream().filter(o -> o.phase().equals(name)).toList();
    }

    private Bundle bundle(String bsn) {
        for (Bundle b : context().getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        fail("no bundle " + bsn);
        return null;
    }

    private void startSending(TextingService texting) {
        sending = true;
        AtomicInteger n = new AtomicInteger();
        sender = new Thread(() -> {
            while (sending) {
                for (String provider : List.of(ZIPWHIP, TWILIO)) {
                    String at = phase;
                    try {
                        TextMessage sent = texting.send(SendRequest.fromRecord("alice", DANA,
                                "Text " + n.incrementAndGet() + " via " + provider + " (" + at + ")").via(provider));
                        outcomes.add(new Outcome(provider, at, sent, null, null));
                    } catch (TextingException e) {
                        outcomes.add(new Outcome(provider, at, null, e, null));
                    } catch (RuntimeException e) {
                        outcomes.add(new Outcome(provider, at, null, null, e));
                    }
                }
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "itest background sender");
        sender.start();
    }

    private void stopSending() throws InterruptedException {
        sending = false;
        sender.join(TIMEOUT_MS);
        List<String> summary = new ArrayList<>();
        outcomes.stream().collect(Collectors.groupingBy(o -> o.phase() + "/" + o.provider(), Collectors.counting()))
                .forEach((k, v) -> summary.add(k + "=" + v));
        System.out.println("ProviderLifecycleIT outcomes per phase: " + summary);
    }
}
