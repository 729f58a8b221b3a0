package org.atstexting.texting.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.MediaItem;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.ArchiveOutcome.Change;
import org.atstexting.texting.host.Attachment;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The archive's one batch entry point: what each item changed, pages, order, failures kept, stopping. */
public class ArchiveBatchesTest {

    private static final RecordRef DANA = RecordRef.parse("employee:1");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final GatedHost host = new GatedHost();
    private File file;
    private ArchiveStore store;
    private RecordMessageArchive archive;

    @Before
    public void setUp() {
        host.add(DANA, "+12065550123");
        file = new File(tmp.getRoot(), "archive.mv");
        store = new MvArchiveStore(file);
        archive = new RecordMessageArchive(store);
        archive.bindRecords(host);
    }

    @After
    public void tearDown() {
        host.gate.countDown();
        archive.stop();
        store.close();
    }

    @Test
    public void eachItemIsAnsweredWithWhatItChanged() throws Exception {
        host.gate.countDown();
        List<ArchiveOutcome> outcomes = await(archive.archive(List.of(
                ArchiveItem.text(sent("1"), DANA),
                ArchiveItem.text(sent("1"), DANA), // the same text again in the same batch
                ArchiveItem.status("zipwhip:1", DeliveryStatus.DELIVERED, null),
                ArchiveItem.status("zipwhip:1", DeliveryStatus.SENT, null), // late
                ArchiveItem.status("zipwhip:404", DeliveryStatus.DELIVERED, null))));
        assertEquals(List.of(Change.NEW, Change.UNCHANGED, Change.STATUS_MOVED, Change.UNCHANGED, Change.UNKNOWN),
                outcomes.stream().map(ArchiveOutcome::change).toList());
        assertEquals(DeliveryStatus.QUEUED, outcomes.get(0).message().status());
        assertEquals(DeliveryStatus.DELIVERED, outcomes.get(3).message().status());
        assertEquals(List.of(DANA), outcomes.get(2).records());
        assertEquals("one hand-over for the batch", 1, host.handOvers.size());
        assertEquals(DeliveryStatus.DELIVERED, host.on(DANA).get("zipwhip:1").status());
        assertEquals(Change.UNCHANGED, await(archive.archive(List.of(ArchiveItem.text(sent("1"), null)))).get(0)
                .change());
    }

    @Test
    public void whyATextFailedIsKeptOnTheRecordAndInTheArchive() throws Exception {
        host.gate.countDown();
        DeliveryFailure unreachable = new DeliveryFailure(DeliveryFailure.Reason.UNREACHABLE, "30003",
                "Unreachable destination handset");
        await(archive.archive(List.of(ArchiveItem.text(sent("2"), DANA))));
        ArchiveOutcome failed = await(archive.archive(List.of(
                ArchiveItem.status("zipwhip:2", DeliveryStatus.FAILED, unreachable)))).get(0);
        assertEquals(Change.STATUS_MOVED, failed.change());
        assertEquals(unreachable, failed.message().failure());
        assertEquals("the host got the reason with the status", unreachable, host.on(DANA).get("zipwhip:2").failure());

        archive.stop();
        store.close();
        store = new MvArchiveStore(file);
        archive = new RecordMessageArchive(store);
        assertEquals("kept across a restart", unreachable, archive.find("zipwhip:2").orElseThrow().failure());
    }

    @Test
    public void mediaIsKeptWithTheText() throws Exception {
        host.gate.countDown();
        List<MediaItem> media = List.of(new MediaItem("https://example.com/m/1.jpg", "image/jpeg"));
        TextMessage mms = new TextMessage("twilio", "MM1", Direction.INBOUND, "+12065550123", "+12065550101",
                "a photo", Instant.now(), "alice", DeliveryStatus.RECEIVED, null, media);
        await(archive.archive(List.of(ArchiveItem.text(mms, null))));
        archive.stop();
        store.close();
        store = new MvArchiveStore(file);
        archive = new RecordMessageArchive(store);
        assertEquals(media, archive.find("twilio:MM1").orElseThrow().media());
        assertEquals(media, host.on(DANA).get("twilio:MM1").media());
    }

    @Test
    public void batchesThatGatherWhileAPageIsWrittenAreWrittenTogetherOffTheCallersThreads() throws Exception {
        List<CompletableFuture<List<ArchiveOutcome>>> answers = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            answers.add(archive.archive(List.of(ArchiveItem.text(sent(Integer.toString(i)), DANA)))
                    .toCompletableFuture()); // returns while the host is held
        }
        assertTrue("nothing answered while the host is held", answers.stream().noneMatch(CompletableFuture::isDone));
        host.gate.countDown();
        for (CompletableFuture<List<ArchiveOutcome>> answer : answers) {
            assertEquals(Change.NEW, answer.get(10, TimeUnit.SECONDS).get(0).change());
        }
        assertEquals(250, host.on(DANA).size());
        assertTrue("in pages of at most " + PageWriter.PAGE + ": " + host.handOvers,
                host.handOvers.size() < 250 && Collections.max(host.handOvers) <= PageWriter.PAGE);
        assertFalse(host.threads.contains(Thread.currentThread().getName()));
    }

    @Test
    public void aStatusSubmittedRightAfterItsTextFindsIt() throws Exception {
        CompletableFuture<List<ArchiveOutcome>> text = archive.archive(List.of(ArchiveItem.text(sent("5"), DANA)))
                .toCompletableFuture();
        CompletableFuture<List<ArchiveOutcome>> status = archive.archive(List.of(
                ArchiveItem.status("zipwhip:5", DeliveryStatus.DELIVERED, null))).toCompletableFuture();
        host.gate.countDown();
        assertEquals(Change.NEW, text.get(10, TimeUnit.SECONDS).get(0).change());
        assertEquals(Change.STATUS_MOVED, status.get(10, TimeUnit.SECONDS).get(0).change());
        assertEquals(DeliveryStatus.DELIVERED, host.on(DANA).get("zipwhip:5").status());
    }

    @Test
    public void anEmptyBatchIsAnsweredOnceEverythingBeforeItIsWritten() throws Exception {
        CompletableFuture<List<ArchiveOutcome>> text = archive.archive(List.of(ArchiveItem.text(sent("6"), DANA)))
                .toCompletableFuture();
        CompletableFuture<List<ArchiveOutcome>> flushed = archive.archive(List.of()).toCompletableFuture();
        Thread.sleep(100);
        assertFalse(flushed.isDone());
        host.gate.countDown();
        assertEquals(List.of(), flushed.get(10, TimeUnit.SECONDS));
        assertTrue(text.isDone());
        assertEquals(1, host.on(DANA).size());
    }

    @Test
    public void stoppingWritesWhatIsWaitingAndThenRefuses() throws Exception {
        for (int i = 0; i < 30; i++) {
            archive.archive(List.of(ArchiveItem.text(sent("s" + i), DANA)));
        }
        new Thread(() -> {
            sleep(100);
            host.gate.countDown();
        }).start();
        archive.stop();
        assertEquals(30, host.on(DANA).size());
        CompletableFuture<List<ArchiveOutcome>> late = archive.archive(List.of(ArchiveItem.text(sent("late"), DANA)))
                .toCompletableFuture();
        assertTrue("refused once stopped", late.isCompletedExceptionally());
    }

    @Test
    public void aPageTheStoreFailsOnDoesNotStopTheNext() throws Exception {
        AtomicBoolean failNext = new AtomicBoolean(true);
        List<List<ArchiveItem>> written = Collections.synchronizedList(new ArrayList<>());
        ArchiveQueue queue = new ArchiveQueue(items -> {
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("archive store failed");
            }
            written.add(items);
            return items.stream().map(i -> new ArchiveOutcome(Change.NEW, null, List.of())).toList();
        });
        try {
            CompletableFuture<List<ArchiveOutcome>> first = queue.submit(List.of(ArchiveItem.text(sent("1"), DANA)));
            try {
                first.get(10, TimeUnit.SECONDS);
                throw new AssertionError("the failed page is reported to its caller");
            } catch (ExecutionException expected) {
                // the caller learns it; a poll or the sent history brings the text again
            }
            assertEquals(Change.NEW, queue.submit(List.of(ArchiveItem.text(sent("2"), DANA))).get(10, TimeUnit.SECONDS)
                    .get(0).change());
            assertEquals(List.of("zipwhip:2"), written.stream().flatMap(List::stream).map(ArchiveItem::messageKey)
                    .toList());
        } finally {
            queue.stop();
        }
    }

    private static List<ArchiveOutcome> await(java.util.concurrent.CompletionStage<List<ArchiveOutcome>> answer)
            throws Exception {
        return answer.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static TextMessage sent(String id) {
        return new TextMessage("zipwhip", id, Direction.OUTBOUND, "+12065550101", "+12065550123", "Hi", Instant.now(),
                "alice", DeliveryStatus.QUEUED);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds every hand-over until the gate opens; records the size and thread of each. */
    static final class GatedHost extends RecordMessageArchiveTest.FakeHost {
        final CountDownLatch gate = new CountDownLatch(1);
        final List<Integer> handOvers = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Boolean> attachAll(List<Attachment> attachments) {
            try {
                assertTrue(gate.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            handOvers.add(attachments.size());
            threads.add(Thread.currentThread().getName());
            synchronized (this) {
                return super.attachAll(attachments);
            }
        }
    }
}
