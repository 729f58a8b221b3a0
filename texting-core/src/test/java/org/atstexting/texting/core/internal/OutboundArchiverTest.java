package org.atstexting.texting.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.atstexting.texting.ArchiveItem;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.MessageArchive;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.spi.StatusUpdate;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class OutboundArchiverTest {

    private static final RecordRef DANA = RecordRef.parse("employee:1");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final GatedArchive archive = new GatedArchive();
    private CoreStore store;
    private SentLedger ledger;
    private OutboundArchiver archiver;

    @Before
    public void setUp() {
        store = TestStores.core(tmp.getRoot().toPath().resolve("core.mv"));
        ledger = new SentLedger(store);
        archiver = new OutboundArchiver(archive, ledger, true);
    }

    @After
    public void tearDown() {
        archive.gate.countDown();
        archiver.stop();
    }

    @Test
    public void sendsOfAProviderWithSentHistoryAreArchivedOffTheSendersThreadInPages() throws Exception {
        ledger.providerReportsSentHistory("zipwhip");
        for (int i = 0; i < 250; i++) {
            archiver.archive(sent("zipwhip", i), i % 2 == 0 ? DANA : null); // returns while the archive is held
        }
        assertTrue("nothing was archived on the sender's thread", archive.items.isEmpty());

        archive.gate.countDown();
        archiver.awaitArchived();
        assertEquals(250, archive.items.size());
        assertEquals("in order, each with its origin", DANA, archive.items.get(0).origin());
        assertEquals(null, archive.items.get(1).origin());
        assertEquals("zipwhip:249", archive.items.get(249).message().key());
        assertTrue("in pages of at most " + OutboundArchiver.PAGE + ": " + archive.pageSizes,
                archive.pageSizes.size() < 250 && Collections.max(archive.pageSizes) <= OutboundArchiver.PAGE);
        assertFalse(archive.threads.contains(Thread.currentThread().getName()));
    }

    @Test
    public void sendsOfAProviderWithoutSentHistoryAreArchivedBeforeTheSendReturns() {
        archive.gate.countDown();
        archiver.archive(sent("twilio", 1), DANA);
        assertEquals("nothing could bring it back after a crash, so it is archived at once", 1,
                archive.items.size());
        assertEquals(List.of(Thread.currentThread().getName()), archive.threads);
    }

    @Test
    public void stoppingArchivesWhatIsStillQueued() {
        ledger.providerReportsSentHistory("zipwhip");
        for (int i = 0; i < 30; i++) {
            archiver.archive(sent("zipwhip", i), null);
        }
        archive.gate.countDown();
        archiver.stop();
        assertEquals(30, archive.items.size());
        archiver.archive(sent("zipwhip", 30), null);
        assertEquals("after stopping, a send is archived at once", 31, archive.items.size());
    }

    @Test
    public void aPageTheArchiveFailsOnDoesNotStopTheNext() {
        ledger.providerReportsSentHistory("zipwhip");
        archive.failNext = true;
        archive.gate.countDown();
        archiver.archive(sent("zipwhip", 1), null);
        archiver.awaitArchived();
        archiver.archive(sent("zipwhip", 2), null);
        archiver.awaitArchived();
        assertEquals(List.of("zipwhip:2"), archive.items.stream().map(i -> i.message().key()).toList());
    }

    @Test
    public void aStatusUpdateForASendStillOnItsWayToTheArchiveWaitsForItInsteadOfBeingLost() throws Exception {
        ledger.providerReportsSentHistory("zipwhip");
        CredentialVault vault = Fixtures.vault(tmp.getRoot().toPath().resolve("vault"));
        vault.save("zipwhip", "2065550101", "+12065550101", "alice", "pw");
        Fixtures.Config config = new Fixtures.Config();
        OptOutRegistry optOuts = new OptOutRegistry(store, new Fixtures.Permissions(), new Fixtures.Records(), config);
        MessageEventPublisher publisher = new MessageEventPublisher();
        OutboundSender sender = new OutboundSender(vault, Fixtures.registry("zipwhip", new Fixtures.RecordingProvider()),
                archiver, publisher, optOuts);
        InboundRecorder recorder = new InboundRecorder(vault, archive, publisher, optOuts,
                new SendGate(new Fixtures.Permissions(), vault, optOuts, sender, config), ledger, config);

        TextMessage sent = sender.send(vault.find("zipwhip", "alice").orElseThrow(), "alice", "+12065550123", "Hi",
                DANA);
        assertTrue("still queued", archive.find(sent.key()).isEmpty());
        Thread update = new Thread(() -> recorder.statusChanged("zipwhip",
                new StatusUpdate(sent.providerMessageId(), DeliveryStatus.DELIVERED, null, Instant.now())));
        update.start();
        Thread.sleep(100);
        archive.gate.countDown();
        update.join(10_000);
        assertEquals(DeliveryStatus.DELIVERED, archive.find(sent.key()).orElseThrow().status());
    }

    @Test
    public void aConversationReadRightAfterASendShowsTheSendOnceItIsArchived() throws Exception {
        ledger.providerReportsSentHistory("zipwhip");
        CredentialVault vault = Fixtures.vault(tmp.getRoot().toPath().resolve("vault"));
        vault.save("zipwhip", "2065550101", "+12065550101", "alice", "pw");
        Fixtures.Config config = new Fixtures.Config();
        HostRecords records = new HostRecords() { // the record's conversation is what the archive was handed
            @Override
            public Optional<HostRecord> record(RecordRef ref) {
                return Optional.of(new HostRecord(ref, "Dana", "+12065550123"));
            }

            @Override
            public List<HostRecord> findByPhone(String e164) {
                return List.of();
            }

            @Override
            public boolean attach(RecordRef ref, TextMessage message) {
                return true;
            }

            @Override
            public List<TextMessage> messages(RecordRef ref) {
                return archive.items.stream().filter(i -> ref.equals(i.origin())).map(ArchiveItem::message).toList();
            }
        };
        OptOutRegistry optOuts = new OptOutRegistry(store, new Fixtures.Permissions(), records, config);
        OutboundSender sender = new OutboundSender(vault, Fixtures.registry("zipwhip", new Fixtures.RecordingProvider()),
                archiver, new MessageEventPublisher(), optOuts);
        DefaultTextingService texting = new DefaultTextingService(new Fixtures.Permissions(), archive, records,
                new SendGate(new Fixtures.Permissions(), vault, optOuts, sender, config), sender);

        TextMessage sent = texting.send(org.atstexting.texting.SendRequest.fromRecord("alice", DANA, "Hi"));
        assertTrue("still queued", records.messages(DANA).isEmpty());
        Thread opener = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            archive.gate.countDown();
        });
        opener.start();
        assertEquals(List.of(sent), texting.messages("alice", DANA));
        opener.join();
    }

    private static TextMessage sent(String provider, int id) {
        return new TextMessage(provider, String.valueOf(id), Direction.OUTBOUND, "+12065550101", "+12065550123",
                "Hi", Instant.now(), "alice", DeliveryStatus.QUEUED);
    }

    /**
     * Holds every hand-over until the gate opens; records pages, items and the threads that
     * archived; keeps what it archived in a {@link Fixtures.Archive}.
     */
    static final class GatedArchive implements MessageArchive {
        final Fixtures.Archive kept = new Fixtures.Archive();
        final CountDownLatch gate = new CountDownLatch(1);
        final List<ArchiveItem> items = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> pageSizes = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        volatile boolean failNext;

        @Override
        public List<List<RecordRef>> archiveItems(List<ArchiveItem> page) {
            try {
                assertTrue(gate.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("archive store failed");
            }
            items.addAll(page);
            pageSizes.add(page.size());
            threads.add(Thread.currentThread().getName());
            return kept.archiveItems(page);
        }

        @Override
        public List<RecordRef> archive(TextMessage message, RecordRef origin) {
            throw new UnsupportedOperationException("sends are archived with archiveItems");
        }

        @Override
        public List<List<RecordRef>> archiveAll(List<TextMessage> messages) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean updateStatus(String messageKey, DeliveryStatus status) {
            return kept.updateStatus(messageKey, status);
        }

        @Override
        public Optional<TextMessage> find(String messageKey) {
            return kept.find(messageKey);
        }

        @Override
        public boolean assign(String messageKey, RecordRef record) {
            return false;
        }

        @Override
        public List<TextMessage> unmatched() {
            return List.of();
        }
    }
}
