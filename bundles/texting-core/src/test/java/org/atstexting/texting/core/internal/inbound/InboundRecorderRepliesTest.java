package org.atstexting.texting.core.internal.inbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.atstexting.texting.Direction;
import org.atstexting.texting.core.internal.TestStores;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.core.internal.Fixtures;
import org.atstexting.texting.core.internal.HistoryProvider;
import org.atstexting.texting.core.internal.archiving.OutboundArchiver;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.core.internal.sending.OutboundSender;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Confirmations and help replies: sent outside the recorder's monitor, so a provider that is
 * slow to take one holds up no other inbound text; help replies at most once per number per interval.
 */
public class InboundRecorderRepliesTest {

    private static final String ACCOUNT = "+12065550101";
    private static final String DANA = "+12065550123";
    private static final String ELI = "+12065550124";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Core core;
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private int ids;

    @Before
    public void setUp() throws Exception {
        core = new Core(tmp.getRoot().toPath());
    }

    @After
    public void tearDown() {
        callers.shutdownNow();
    }

    private InboundText text(String from, String body) {
        ids++;
        return new InboundText("in-" + ids, from, ACCOUNT, body, Instant.parse("2026-03-02T15:00:00Z").plusSeconds(ids));
    }

    /** A provider whose sends wait until the test lets them go (a rate limiter, a slow network). */
    static final class BlockingProvider extends HistoryProvider {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.send(credentials, text);
        }
    }

    private boolean archived(String body) {
        synchronized (core.archive) {
            return core.archive.archived.stream().anyMatch(m -> m.direction() == Direction.INBOUND
                    && m.body().equals(body));
        }
    }

    @Test
    public void aConfirmationTheProviderIsSlowToTakeHoldsUpNoOtherInboundText() throws Exception {
        BlockingProvider provider = new BlockingProvider();
        ProviderRegistry registry = Fixtures.registry("zipwhip", provider);
        OutboundSender sender = new OutboundSender(core.vault, registry,
                new OutboundArchiver(core.archive, registry), core.publisher, core.optOuts);
        InboundRecorder recorder = new InboundRecorder(core.vault, core.archive, core.publisher, core.optOuts,
                new SendGate(core.permissions, core.vault, core.optOuts, sender, core.config),
                TestStores.helpLimiter(core.store), core.config); // its own reply thread, as in the framework
        try {
            // the STOP comes by webhook; its confirmation goes to a provider that does not answer yet
            Future<?> stop = callers.submit(() -> recorder.received("zipwhip", text(DANA, "STOP")));
            assertTrue("the confirmation is being sent", provider.entered.await(10, TimeUnit.SECONDS));
            assertTrue("opted out before the confirmation went out", core.optOuts.isOptedOut(DANA));

            Future<?> webhook = callers.submit(() -> recorder.received("zipwhip", text(ELI, "Tuesday works")));
            Future<?> poll = callers.submit(() -> recorder.recordAll("zipwhip", List.of(text(ELI, "See you then"),
                    text(ELI, "help")), "alice"));
            try {
                webhook.get(10, TimeUnit.SECONDS);
                poll.get(10, TimeUnit.SECONDS);
                stop.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("inbound work waited for the provider to take a confirmation");
            }
            assertTrue(archived("Tuesday works"));
            assertTrue(archived("See you then"));
            assertEquals("still waiting for the provider", 1, provider.release.getCount());
            assertEquals(List.of(), provider.accepted);

            provider.release.countDown();
            long deadline = System.currentTimeMillis() + 10_000;
            while (provider.recipients().size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("the confirmation, then the help reply, in order", List.of(DANA, ELI), provider.recipients());
        } finally {
            provider.release.countDown();
            recorder.deactivate();
        }
    }

    @Test
    public void helpIsAnsweredOncePerNumberWithinTheInterval() {
        for (int i = 0; i < 5; i++) {
            core.recorder.received("zipwhip", text(DANA, i % 2 == 0 ? "HELP" : "info"));
        }
        assertEquals("five HELPs, one reply", List.of(DANA), core.provider.recipients());
        core.recorder.received("zipwhip", text(ELI, "help"));
        assertEquals("another number has its own reply", List.of(DANA, ELI), core.provider.recipients());
        assertEquals("every HELP is on the record", 6, core.archive.archived.stream()
                .filter(m -> m.direction() == Direction.INBOUND).count());

        core.clock.now = core.clock.now.plus(Duration.ofMinutes(9));
        core.recorder.recordAll("zipwhip", List.of(text(DANA, "HELP")), "alice");
        assertEquals(2, core.provider.accepted.size());
        core.clock.now = core.clock.now.plus(Duration.ofMinutes(2)); // 11 minutes after the reply
        core.recorder.received("zipwhip", text(DANA, "HELP"));
        assertEquals(List.of(DANA, ELI, DANA), core.provider.recipients());
    }

    @Test
    public void theHelpIntervalIsAppliedWithoutARestart() {
        core.recorder.received("zipwhip", text(DANA, "HELP"));
        core.recorder.received("zipwhip", text(DANA, "HELP"));
        assertEquals(1, core.provider.accepted.size());

        core.config.helpReplyIntervalMinutes = 0;
        core.config.helpReply = "Call us at 206-555-0100";
        core.recorder.modified(core.config);
        core.recorder.received("zipwhip", text(DANA, "HELP"));
        core.recorder.received("zipwhip", text(DANA, "HELP"));
        assertEquals(List.of("HELP reply", "Call us at 206-555-0100", "Call us at 206-555-0100"),
                core.provider.bodies());
        assertFalse(core.optOuts.isOptedOut(DANA));
    }

}
