package org.atstexting.texting.core.internal.inbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.TextingEvents;
import org.atstexting.texting.core.internal.Fixtures;
import org.atstexting.texting.core.internal.TestStores;
import org.atstexting.texting.core.internal.archiving.OutboundArchiver;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.optout.OptOutRegistry;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.core.internal.sending.MessageEventPublisher;
import org.atstexting.texting.core.internal.sending.OutboundSender;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.StatusUpdate;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.event.Event;

public class InboundRecorderTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Fixtures.Archive archive = new Fixtures.Archive();
    private final List<Event> events = new ArrayList<>();
    private InboundRecorder recorder;
    private CoreStore store;
    private OptOutRegistry optOuts;
    private CredentialVault vault;

    @Before
    public void setUp() throws Exception {
        vault = Fixtures.vault(tmp.getRoot().toPath());
        vault.save("zipwhip", "2065550101", "+12065550101", "alice", "pw");
        MessageEventPublisher publisher = new MessageEventPublisher();
        publisher.eventAdmin(Fixtures.events(events));
        store = TestStores.core(tmp.getRoot().toPath().resolve("other.mv"));
        Fixtures.Config config = new Fixtures.Config();
        optOuts = new OptOutRegistry(store, new Fixtures.Permissions(), new Fixtures.Records(), config);
        ProviderRegistry registry = Fixtures.registry("zipwhip", new Fixtures.RecordingProvider());
        OutboundSender sender = new OutboundSender(vault, registry, new OutboundArchiver(archive, registry), publisher,
                optOuts);
        recorder = new InboundRecorder(vault, archive, publisher, optOuts,
                new SendGate(new Fixtures.Permissions(), vault, optOuts, sender, config),
                TestStores.helpLimiter(store), config);
    }

    /**
     * A STOP's call waits until every node's memory of opt-outs has it, but not while it holds
     * the recorder: another text (a webhook on another thread) is recorded meanwhile.
     */
    @Test
    public void aStopWaitingForEveryNodeHoldsUpNoOtherText() throws Exception {
        store.changes().freshFor(3_000);
        java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.Future<?> stop = thread.submit(() -> recorder.received("zipwhip",
                new InboundText("80", "+12065550123", "+12065550101", "STOP", Instant.now())));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!optOuts.isOptedOut("+12065550123") && System.nanoTime() < deadline) {
            Thread.sleep(5); // committed: its call now waits for every node
        }
        assertTrue(optOuts.isOptedOut("+12065550123"));

        recorder.received("zipwhip", new InboundText("81", "+12065550177", "+12065550101", "Tuesday works",
                Instant.now()));
        assertFalse("the STOP's call still waits for every node", stop.isDone());
        assertTrue(archive.archived.stream().anyMatch(m -> m.body().equals("Tuesday works")));
        stop.get(10, java.util.concurrent.TimeUnit.SECONDS);
        thread.shutdown();
    }

    /** A poll's page of STOPs waits for every node once, after its last STOP, not once per STOP. */
    @Test
    public void aPageOfStopsIsConfirmedOnceAfterItsLastStop() throws Exception {
        store.changes().freshFor(1_500);
        long start = System.nanoTime();
        recorder.recordAll("zipwhip", List.of(
                new InboundText("90", "+12065550131", "+12065550101", "STOP", Instant.now()),
                new InboundText("91", "+12065550132", "+12065550101", "STOP", Instant.now()),
                new InboundText("92", "+12065550133", "+12065550101", "STOP", Instant.now())), "alice");
        long tookMillis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("waited out the memory once: " + tookMillis + " ms", tookMillis >= 1_500);
        // once per STOP would be 4.5 s at least
        assertTrue("not three times: " + tookMillis + " ms", tookMillis < 3_500);
        assertTrue(optOuts.isOptedOut("+12065550133"));
    }

    @Test
    public void aPushedTextIsArchivedForTheAccountOwnerOnceAndAnnouncedOnce() {
        InboundText text = new InboundText("77", "+12065550123", "+12065550101", "Yes", Instant.now());
        recorder.received("zipwhip", text);
        recorder.received("zipwhip", text); // the webhook retried
        recorder.record("zipwhip", text, "alice"); // and the poll read it too

        assertEquals(1, archive.archived.size());
        assertEquals("alice", archive.archived.get(0).userId());
        assertEquals(List.of(TextingEvents.RECEIVED), events.stream().map(Event::getTopic).toList());
        assertEquals("zipwhip:77", events.get(0).getProperty(TextingEvents.MESSAGE_KEY));
    }

    @Test
    public void thePicturesOfAnMmsReplyAreArchivedWithIt() {
        List<org.atstexting.texting.MediaItem> media = List.of(
                new org.atstexting.texting.MediaItem("https://api.twilio.com/media/ME1", "image/jpeg"));
        recorder.received("twilio", new InboundText("MM1", "+12065550123", "+12065550101", "", Instant.now(), media));

        assertEquals(media, archive.archived.get(0).media());
    }

    @Test
    public void aPollsPageGoesToTheArchiveInOneHandOverAndKeywordsOneByOne() {
        recorder.record("zipwhip", reply("1", "Hello"), "alice");
        recorder.recordAll("zipwhip", List.of(reply("1", "Hello"), reply("2", "Tuesday works"),
                reply("2", "Tuesday works"), reply("3", " stop "), reply("4", "Thanks")), "alice");

        // the archive, not the recorder, knows what it has seen: the page's plain replies go over as they came
        assertEquals("one hand-over for the page's plain replies",
                List.of(List.of("zipwhip:1", "zipwhip:2", "zipwhip:2", "zipwhip:4")), archive.pages);
        List<String> inbound;
        synchronized (archive) { // the STOP's confirmation is archived from the reply thread meanwhile
            inbound = archive.archived.stream().filter(m -> m.direction() == org.atstexting.texting.Direction.INBOUND)
                    .map(org.atstexting.texting.TextMessage::key).toList();
        }
        assertEquals(List.of("zipwhip:1", "zipwhip:3", "zipwhip:2", "zipwhip:4"), inbound);
        assertEquals(4, events.stream().filter(e -> e.getTopic().equals(TextingEvents.RECEIVED)).count());
    }

    private static InboundText reply(String id, String body) {
        return new InboundText(id, "+12065550123", "+12065550101", body, Instant.now());
    }

    @Test
    public void statusChangesMoveForwardOnlyAndFailuresAreAnnounced() {
        archive.archive(new org.atstexting.texting.TextMessage("zipwhip", "5", org.atstexting.texting.Direction.OUTBOUND,
                "+12065550101", "+12065550123", "Hi", Instant.now(), "alice", DeliveryStatus.QUEUED), null);

        recorder.statusChanged("zipwhip", new StatusUpdate("5", DeliveryStatus.SENT, null, Instant.now()));
        recorder.statusChanged("zipwhip", new StatusUpdate("5", DeliveryStatus.FAILED, "carrier rejected", Instant.now()));
        recorder.statusChanged("zipwhip", new StatusUpdate("5", DeliveryStatus.SENT, null, Instant.now()));
        recorder.statusChanged("zipwhip", new StatusUpdate("404", DeliveryStatus.SENT, null, Instant.now()));

        assertEquals(DeliveryStatus.FAILED, archive.archived.get(0).status());
        assertEquals(List.of(TextingEvents.STATUS_CHANGED, TextingEvents.STATUS_CHANGED, TextingEvents.FAILED),
                events.stream().map(Event::getTopic).toList());
        assertEquals("carrier rejected", events.get(2).getProperty(TextingEvents.REASON));
        // a provider without typed failures: its words are archived, so every node's record shows them
        assertEquals(new org.atstexting.texting.DeliveryFailure(org.atstexting.texting.DeliveryFailure.Reason.UNKNOWN,
                null, "carrier rejected"), archive.archived.get(0).failure());
    }

    @Test
    public void aFailedStatusCarriesItsPlainReasonAndCodeToTheArchiveAndTheEvent() {
        archive.archive(new org.atstexting.texting.TextMessage("twilio", "SM6", org.atstexting.texting.Direction.OUTBOUND,
                "+12065550101", "+12065550123", "Hi", Instant.now(), "alice", DeliveryStatus.SENT), null);
        org.atstexting.texting.DeliveryFailure landline = new org.atstexting.texting.DeliveryFailure(
                org.atstexting.texting.DeliveryFailure.Reason.NOT_MOBILE, "30006", "Landline or unreachable carrier");

        recorder.statusChanged("twilio", new StatusUpdate("SM6", DeliveryStatus.FAILED,
                "Landline or unreachable carrier", Instant.now(), landline));

        assertEquals(landline, archive.find("twilio:SM6").orElseThrow().failure());
        Event failed = events.get(events.size() - 1);
        assertEquals(TextingEvents.FAILED, failed.getTopic());
        assertEquals(landline.describe(), failed.getProperty(TextingEvents.REASON));
        assertEquals("30006", failed.getProperty(TextingEvents.PROVIDER_CODE));
        assertEquals("NOT_MOBILE", failed.getProperty(TextingEvents.FAILURE));
    }

    /**
     * A poll that brings a failed text both as the account's sent text and as its status change
     * (Zipwhip's and TextUs' polls do): the archive keeps the reason and the failure is announced,
     * for a text the core sent and for one sent outside it (the provider's own app).
     */
    @Test
    public void aPolledSentTextThatFailedKeepsItsReasonAndIsAnnouncedOnce() {
        archive.archive(new org.atstexting.texting.TextMessage("zipwhip", "7", org.atstexting.texting.Direction.OUTBOUND,
                "+12065550101", "+12065550123", "Ours", Instant.now(), "alice", DeliveryStatus.SENT), null);
        List<org.atstexting.texting.spi.SentText> sent = List.of(
                new org.atstexting.texting.spi.SentText("7", "+12065550101", "+12065550123", "Ours", Instant.now(),
                        DeliveryStatus.FAILED),
                new org.atstexting.texting.spi.SentText("8", "+12065550101", "+12065550123", "From the app",
                        Instant.now(), DeliveryStatus.FAILED));
        List<StatusUpdate> statuses = List.of(
                new StatusUpdate("7", DeliveryStatus.FAILED, "carrier rejected", Instant.now()),
                new StatusUpdate("8", DeliveryStatus.FAILED, "landline", Instant.now()));

        recorder.recordBatch(vault.find("zipwhip", "alice").orElseThrow(),
                new org.atstexting.texting.spi.InboundBatch(List.of(), statuses, sent, "c"));

        assertEquals("carrier rejected", archive.find("zipwhip:7").orElseThrow().failure().detail());
        assertEquals("landline", archive.find("zipwhip:8").orElseThrow().failure().detail());
        assertEquals(List.of(TextingEvents.STATUS_CHANGED, TextingEvents.FAILED, TextingEvents.SENT),
                events.stream().map(Event::getTopic).toList());
        assertEquals("carrier rejected", events.get(1).getProperty(TextingEvents.REASON));
    }

    @Test
    public void aSendTheCoreDidNotSeeFinishIsArchivedFromTheProvidersHistoryOnce() {
        archive.archive(new org.atstexting.texting.TextMessage("zipwhip", "1", org.atstexting.texting.Direction.OUTBOUND,
                "+12065550101", "+12065550123", "Known", Instant.now(), "alice", DeliveryStatus.QUEUED), null);
        org.atstexting.texting.spi.SentText known = new org.atstexting.texting.spi.SentText("1", "+12065550101",
                "+12065550123", "Known", Instant.now(), DeliveryStatus.SENT);
        org.atstexting.texting.spi.SentText lost = new org.atstexting.texting.spi.SentText("2", "+12065550101",
                "+12065550123", "Lost in a crash", Instant.now(), DeliveryStatus.SENT);

        recorder.reconcileSent("zipwhip", known, "alice");
        recorder.reconcileSent("zipwhip", lost, "alice");
        recorder.reconcileSent("zipwhip", lost, "alice");

        assertEquals(2, archive.archived.size());
        assertEquals("zipwhip:2", archive.archived.get(1).key());
        assertEquals("alice", archive.archived.get(1).userId());
        assertEquals(List.of(TextingEvents.SENT), events.stream().map(Event::getTopic).toList());
    }
}
