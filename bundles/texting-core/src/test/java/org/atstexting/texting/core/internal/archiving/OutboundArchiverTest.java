package org.atstexting.texting.core.internal.archiving;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.core.internal.Fixtures;
import org.atstexting.texting.core.internal.HistoryProvider;
import org.atstexting.texting.core.internal.LookupProvider;
import org.atstexting.texting.core.internal.TestStores;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.inbound.InboundRecorder;
import org.atstexting.texting.core.internal.optout.OptOutRegistry;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.core.internal.sending.DefaultTextingService;
import org.atstexting.texting.core.internal.sending.MessageEventPublisher;
import org.atstexting.texting.core.internal.sending.OutboundSender;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.spi.StatusUpdate;
import org.atstexting.texting.spi.TextingProvider;
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
    private ProviderRegistry providers;
    private OutboundArchiver archiver;

    @Before
    public void setUp() {
        store = TestStores.core(tmp.getRoot().toPath().resolve("core.mv"));
        // Zipwhip declares a look-up of its sent texts, the other provider does not
        providers = Fixtures.registry("zipwhip", new LookupProvider());
        providers.bindProvider(new HistoryProvider(), Map.of(TextingProvider.PROVIDER_PROPERTY, "twilio"));
        archiver = new OutboundArchiver(archive, providers);
    }

    @After
    public void tearDown() {
        archive.gate.countDown();
        archive.writer.shutdown();
    }

    @Test
    public void sendsOfAProviderWithALookUpDoNotWaitForTheArchive() throws Exception {
        for (int i = 0; i < 250; i++) {
            archiver.archive(sent("zipwhip", i), i % 2 == 0 ? DANA : null); // returns while the archive is held
        }
        assertTrue("nothing was archived on the sender's thread", archive.items.isEmpty());

        archive.gate.countDown();
        archiver.awaitArchived();
        assertEquals(250, archive.items.size());
        assertEquals("in order, each with its origin", DANA, ((ArchiveItem.Text) archive.items.get(0)).origin());
        assertEquals(null, ((ArchiveItem.Text) archive.items.get(1)).origin());
        assertEquals("zipwhip:249", archive.items.get(249).messageKey());
        // pages, the writer thread, stopping and store failures are the archive's: ArchiveBatchesTest
    }

    @Test
    public void sendsOfAProviderWithoutALookUpAreArchivedBeforeTheSendReturns() {
        new Thread(() -> {
            sleep(100);
            archive.gate.countDown();
        }).start();
        archiver.archive(sent("twilio", 1), DANA);
        assertEquals("nothing could bring it back after a crash, so the send waits for the archive", 1,
                archive.items.size());
    }

    @Test
    public void aStatusUpdateForASendStillOnItsWayToTheArchiveWaitsForItInsteadOfBeingLost() throws Exception {
        CredentialVault vault = Fixtures.vault(tmp.getRoot().toPath().resolve("vault"));
        vault.save("zipwhip", "2065550101", "+12065550101", "alice", "pw");
        Fixtures.Config config = new Fixtures.Config();
        OptOutRegistry optOuts = new OptOutRegistry(store, new Fixtures.Permissions(), new Fixtures.Records(), config);
        MessageEventPublisher publisher = new MessageEventPublisher();
        OutboundSender sender = new OutboundSender(vault, providers,
                archiver, publisher, optOuts);
        InboundRecorder recorder = new InboundRecorder(vault, archive, publisher, optOuts,
                new SendGate(new Fixtures.Permissions(), vault, optOuts, sender, config),
                TestStores.helpLimiter(store), config);

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
                return archive.items.stream().filter(i -> i instanceof ArchiveItem.Text t && ref.equals(t.origin()))
                        .map(i -> ((ArchiveItem.Text) i).message()).toList();
            }
        };
        OptOutRegistry optOuts = new OptOutRegistry(store, new Fixtures.Permissions(), records, config);
        OutboundSender sender = new OutboundSender(vault, providers,
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Answers batches in the order they came, on its own thread, once the gate opens, as the
     * archive does; keeps what it archived in a {@link Fixtures.Archive}.
     */
    static final class GatedArchive implements MessageArchive {
        final Fixtures.Archive kept = new Fixtures.Archive();
        final CountDownLatch gate = new CountDownLatch(1);
        final List<ArchiveItem> items = Collections.synchronizedList(new ArrayList<>());
        final ExecutorService writer = Executors.newSingleThreadExecutor();

        @Override
        public CompletionStage<List<ArchiveOutcome>> archive(List<ArchiveItem> batch) {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    assertTrue(gate.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                items.addAll(batch);
                return kept.archive(batch).toCompletableFuture().join();
            }, writer);
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
