package org.atstexting.texting.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.ArchiveOutcome.Change;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RecordMessageArchiveTest {

    private static final RecordRef DANA = RecordRef.parse("employee:1");
    private static final RecordRef GUS = RecordRef.parse("contact:2");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final FakeHost host = new FakeHost();
    private File file;
    private ArchiveStore store;
    private RecordMessageArchive archive;

    @Before
    public void setUp() {
        host.add(DANA, "+12065550123").add(GUS, "+12065550123");
        file = new File(tmp.getRoot(), "archive.mv");
        store = new MvArchiveStore(file);
        archive = new RecordMessageArchive(store);
    }

    @After
    public void tearDown() {
        archive.stop();
        store.close();
    }

    @Test
    public void aTextSentFromARecordGoesOnThatRecordOnly() {
        archive.bindRecords(host);
        assertEquals(List.of(DANA), archive(outbound("1"), DANA));
        assertEquals(1, host.on(DANA).size());
        assertEquals(0, host.on(GUS).size());
    }

    @Test
    public void aReplyGoesOnEveryRecordWithTheNumberOnceEvenIfItArrivesTwice() {
        archive.bindRecords(host);
        archive(inbound("7", "+12065550123"), null);
        archive(inbound("7", "+12065550123"), null);
        assertEquals(1, host.on(DANA).size());
        assertEquals(1, host.on(GUS).size());
        assertEquals(2, host.attachCalls);
    }

    @Test
    public void aPageOfTextsIsArchivedInOneHandOverWithTheSameRules() {
        archive.bindRecords(host);
        archive(inbound("20", "+12065550123"), null);
        List<List<RecordRef>> result = records(page(texts(
                inbound("20", "+12065550123"), // already archived
                inbound("21", "+12065550123"),
                inbound("21", "+12065550123"), // twice in the same page
                inbound("22", "+12065550199")))); // no record
        assertEquals(List.of(List.of(GUS, DANA), List.of(GUS, DANA), List.of(GUS, DANA), List.of()),
                result.stream().map(refs -> refs.stream().sorted(java.util.Comparator.comparing(RecordRef::toString))
                        .toList()).toList());
        assertEquals(2, host.on(DANA).size());
        assertEquals(List.of("zipwhip:22"), archive.unmatched().stream().map(TextMessage::key).toList());
    }

    @Test
    public void aPageOfSendsKeepsEachTextsOriginAndWaitsWhileTheHostIsAway() {
        List<ArchiveItem> page = List.of(ArchiveItem.text(outbound("40"), DANA), ArchiveItem.text(outbound("41"), null));
        assertEquals(List.of(List.of(), List.of()), records(page(page)));

        archive.bindRecords(host);
        archive.deliverPending();
        assertEquals("sent from Dana's record: on hers only", List.of("zipwhip:40", "zipwhip:41"),
                host.on(DANA).keySet().stream().sorted().toList());
        assertEquals("sent from no record: on every record with the number", List.of("zipwhip:41"),
                List.copyOf(host.on(GUS).keySet()));
        assertEquals("the same page again attaches nothing more", List.of(List.of(DANA), List.of(GUS, DANA)),
                records(page(page)).stream().map(refs -> refs.stream()
                        .sorted(java.util.Comparator.comparing(RecordRef::toString)).toList()).toList());
        assertEquals(3, host.on(DANA).size() + host.on(GUS).size());
    }

    @Test
    public void aPageWaitsWhileTheHostIsAway() {
        page(texts(inbound("30", "+12065550123"), inbound("31", "+12065550123")));
        archive.bindRecords(host);
        archive.deliverPending();
        assertEquals(2, host.on(DANA).size());
    }

    @Test
    public void aTextForNoRecordIsKeptAsUnmatched() {
        archive.bindRecords(host);
        assertEquals(List.of(), archive(inbound("8", "+12065550199"), null));
        assertEquals(List.of("zipwhip:8"), archive.unmatched().stream().map(TextMessage::key).toList());

        assertTrue("an admin assigns it to a record", archive.assign("zipwhip:8", GUS));
        assertEquals(1, host.on(GUS).size());
        assertTrue(archive.unmatched().isEmpty());
        assertFalse("only unmatched texts can be assigned", archive.assign("zipwhip:8", DANA));
        assertEquals(List.of(GUS), archive(inbound("8", "+12065550199"), null));
    }

    @Test
    public void textsWaitWhileTheHostIsAwayAndAreAttachedWhenItReturns() {
        assertEquals(List.of(), archive(inbound("9", "+12065550123"), null));
        assertTrue(host.on(DANA).isEmpty());
        assertTrue("not unmatched: just waiting", archive.unmatched().isEmpty());

        archive.bindRecords(host);
        archive.deliverPending();
        assertEquals(1, host.on(DANA).size());
        assertEquals(1, host.on(GUS).size());
    }

    @Test
    public void aFailingHostKeepsTheTextForTheNextTry() {
        host.failing = true;
        archive.bindRecords(host);
        archive(inbound("10", "+12065550123"), null);
        host.failing = false;
        archive.deliverPending();
        assertEquals(1, host.on(DANA).size());
    }

    @Test
    public void waitingTextsSurviveARestart() {
        archive(inbound("11", "+12065550123"), null);
        archive.stop();
        store.close();

        store = new MvArchiveStore(file);
        archive = new RecordMessageArchive(store);
        archive.bindRecords(host);
        archive.deliverPending();
        assertEquals(1, host.on(DANA).size());
    }

    @Test
    public void statusOnlyMovesForward() {
        archive.bindRecords(host);
        archive(outbound("12"), DANA);
        assertEquals(Change.STATUS_MOVED, status("zipwhip:12", DeliveryStatus.DELIVERED).change());
        assertEquals("a late status changes nothing", Change.UNCHANGED,
                status("zipwhip:12", DeliveryStatus.SENT).change());
        // the host replaces what it is given (HostRecords.attach): the archive alone keeps the order
        assertEquals(DeliveryStatus.DELIVERED, host.on(DANA).get("zipwhip:12").status());
        assertEquals("unknown texts are reported", Change.UNKNOWN,
                status("zipwhip:404", DeliveryStatus.SENT).change());
    }

    @Test
    public void aTextStoredAlreadyThatComesAgainInAPageOfTextsKeepsTheForwardOnlyRule() {
        archive.bindRecords(host);
        TextMessage first = outbound("13").withStatus(DeliveryStatus.SENT, null); // a webhook brought it first
        archive(first, DANA);
        // the send's own archive, late and at an older status, with a new text; then a newer copy
        List<ArchiveOutcome> late = page(List.of(ArchiveItem.text(outbound("13"), DANA),
                ArchiveItem.text(outbound("14"), DANA)));
        assertEquals(List.of(Change.UNCHANGED, Change.NEW), late.stream().map(ArchiveOutcome::change).toList());
        assertEquals(DeliveryStatus.SENT, late.get(0).message().status());
        assertEquals(Change.STATUS_MOVED, page(List.of(ArchiveItem.text(
                first.withStatus(DeliveryStatus.DELIVERED, null), DANA))).get(0).change());
        assertEquals(DeliveryStatus.DELIVERED, host.on(DANA).get("zipwhip:13").status());
        assertEquals(DeliveryStatus.DELIVERED, archive.find("zipwhip:13").orElseThrow().status());
        assertEquals(2, host.on(DANA).size());
    }

    private List<ArchiveOutcome> page(List<ArchiveItem> items) {
        try {
            return archive.archive(items).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<ArchiveItem> texts(TextMessage... messages) {
        return java.util.Arrays.stream(messages).map(m -> ArchiveItem.text(m, null)).toList();
    }

    private static List<List<RecordRef>> records(List<ArchiveOutcome> outcomes) {
        return outcomes.stream().map(ArchiveOutcome::records).toList();
    }

    private List<RecordRef> archive(TextMessage message, RecordRef origin) {
        return page(List.of(ArchiveItem.text(message, origin))).get(0).records();
    }

    private ArchiveOutcome status(String key, DeliveryStatus status) {
        return page(List.of(ArchiveItem.status(key, status, null))).get(0);
    }

    private static TextMessage outbound(String id) {
        return new TextMessage("zipwhip", id, Direction.OUTBOUND, "+12065550101", "+12065550123", "Hi", Instant.now(),
                "alice", DeliveryStatus.QUEUED);
    }

    private static TextMessage inbound(String id, String from) {
        return new TextMessage("zipwhip", id, Direction.INBOUND, from, "+12065550101", "Yes", Instant.now(), "alice",
                DeliveryStatus.RECEIVED);
    }

    /** A host that attaches idempotently, replaces what it is given (no status order of its own), and can be made to fail. */
    static class FakeHost implements HostRecords {
        final Map<RecordRef, String> phones = new HashMap<>();
        final Map<RecordRef, Map<String, TextMessage>> attached = new HashMap<>();
        boolean failing;
        int attachCalls;

        FakeHost add(RecordRef ref, String phone) {
            phones.put(ref, phone);
            return this;
        }

        synchronized Map<String, TextMessage> on(RecordRef ref) {
            return attached.getOrDefault(ref, Map.of());
        }

        @Override
        public Optional<HostRecord> record(RecordRef ref) {
            return Optional.ofNullable(phones.get(ref)).map(p -> new HostRecord(ref, ref.id(), p));
        }

        @Override
        public List<HostRecord> findByPhone(String e164) {
            if (failing) {
                throw new IllegalStateException("host database down");
            }
            List<HostRecord> found = new ArrayList<>();
            phones.forEach((ref, phone) -> {
                if (phone.equals(e164)) {
                    found.add(new HostRecord(ref, ref.id(), phone));
                }
            });
            return found;
        }

        @Override
        public synchronized boolean attach(RecordRef ref, TextMessage message) {
            if (failing) {
                throw new IllegalStateException("host database down");
            }
            attachCalls++;
            Map<String, TextMessage> messages = attached.computeIfAbsent(ref, r -> new LinkedHashMap<>());
            messages.put(message.key(), message); // replaces, as the host contract allows
            return phones.containsKey(ref);
        }

        @Override
        public List<TextMessage> messages(RecordRef ref) {
            return List.copyOf(on(ref).values());
        }
    }
}
