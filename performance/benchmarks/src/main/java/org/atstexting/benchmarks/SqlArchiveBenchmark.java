package org.atstexting.benchmarks;

import java.nio.file.Files;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RecordType;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.host.Attachment;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * The archive on the shared database against its physical limit, measured in the same run:
 * the same rows written by plain batched JDBC, one commit per page, into the same database.
 * The host is an in-memory one (every number has one record, every attach succeeds), so the
 * ratio is about the archive's own work: reading the page's texts, claiming them, committing
 * where they ended up. H2 (file, the embedded default) and PostgreSQL (the server
 * {@code test-postgres} starts from Maven's binaries).
 */
final class SqlArchiveBenchmark {

    private static final int PAGE = Integer.getInteger("page", 50);
    private static final int MEASURED = Integer.getInteger("sqlMessages", 20_000);
    private static final int WARM_UP = 5_000;
    /**
     * Callers handing pages over at once (polls of several accounts, webhooks): the archive's
     * writer groups what gathers while it commits. The raw figure is one writer, one page at a time.
     */
    private static final int CALLERS = Integer.getInteger("callers", 4);

    private SqlArchiveBenchmark() {
    }

    /** Prints the msgs/s lines of both databases, then {@code archive/raw ratio h2: <n> postgresql: <n>}. */
    static void run() throws Exception {
        double h2 = ratio("h2", TestDatabases.create(TestDatabases.Kind.H2, Files.createTempDirectory("archive-h2")));
        double pg = ratio("postgresql", TestDatabases.create(TestDatabases.Kind.POSTGRESQL,
                Files.createTempDirectory("archive-pg")));
        System.out.printf(Locale.ROOT, "archive/raw ratio h2: %.2f postgresql: %.2f (goal: at least 0.5)%n", h2, pg);
    }

    private static double ratio(String name, TextingDatabase db) throws Exception {
        Object store = Components.create("org.atstexting.texting.archive.internal.SqlArchiveStore", db);
        MessageArchive archive = (MessageArchive) Components.create(
                "org.atstexting.texting.archive.internal.RecordMessageArchive", store);
        Components.call(archive, "bindRecords", new OneRecordPerNumber());
        try {
            archive(archive, "warm", WARM_UP, CALLERS);
            raw(db, "warmraw", WARM_UP);
            long[] archived = new long[3];
            long[] alone = new long[3];
            long[] raw = new long[3];
            for (int round = 0; round < 3; round++) { // interleaved: a slow second of the machine hits all
                archived[round] = archive(archive, "a" + round + "-", MEASURED, CALLERS);
                alone[round] = archive(archive, "s" + round + "-", MEASURED / 4, 1);
                raw[round] = raw(db, "r" + round + "-", MEASURED);
            }
            java.util.Arrays.sort(archived);
            java.util.Arrays.sort(alone);
            java.util.Arrays.sort(raw);
            System.out.printf(Locale.ROOT, "%s: archive %,d msgs/s (%d callers, pages of %d; one caller: %,d msgs/s), "
                    + "plain batched JDBC %,d msgs/s%n", name, archived[1], CALLERS, PAGE, alone[1], raw[1]);
            return (double) archived[1] / raw[1];
        } finally {
            Components.call(archive, "stop");
        }
    }

    private static long archive(MessageArchive archive, String prefix, int count, int callers) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            int each = count / callers;
            for (int c = 0; c < callers; c++) {
                String slice = prefix + c + "-";
                done.add(pool.submit(() -> archivePages(archive, slice, each)));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
            return Math.round(each * callers / ((System.nanoTime() - start) / 1e9));
        } finally {
            pool.shutdown();
        }
    }

    private static void archivePages(MessageArchive archive, String prefix, int count) {
        List<ArchiveItem> page = new ArrayList<>(PAGE);
        for (int n = 0; n < count; n++) {
            page.add(ArchiveItem.text(text(prefix + n, n), null));
            if (page.size() == PAGE || n == count - 1) {
                List<ArchiveOutcome> outcomes = archive.archive(page).toCompletableFuture().join();
                if (outcomes.stream().anyMatch(o -> o.change() != ArchiveOutcome.Change.NEW)) {
                    throw new IllegalStateException("a fresh text was not new: the benchmark is broken");
                }
                page = new ArrayList<>(PAGE);
            }
        }
    }

    /** The same rows, plain: one batched INSERT and one commit per page. */
    private static long raw(TextingDatabase db, String prefix, int count) throws Exception {
        long start = System.nanoTime();
        for (int from = 0; from < count; from += PAGE) {
            int first = from;
            db.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO archive_text (provider, "
                        + "provider_message_id, place, direction, from_number, to_number, body, sent_at, user_id, "
                        + "status, records) VALUES (?, ?, 'ATTACHED', ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int n = first; n < Math.min(first + PAGE, count); n++) {
                        TextMessage m = text(prefix + n, n);
                        insert.setString(1, m.provider());
                        insert.setString(2, m.providerMessageId());
                        insert.setString(3, m.direction().name());
                        insert.setString(4, m.from());
                        insert.setString(5, m.to());
                        insert.setString(6, m.body());
                        insert.setObject(7, TextingDatabase.timestamp(m.timestamp()));
                        insert.setString(8, m.userId());
                        insert.setString(9, m.status().name());
                        insert.setString(10, "[\"" + OneRecordPerNumber.ref(m.from()) + "\"]");
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                return null;
            });
        }
        return Math.round(count / ((System.nanoTime() - start) / 1e9));
    }

    private static TextMessage text(String id, int n) {
        return new TextMessage("zipwhip", id, Direction.INBOUND, String.format(Locale.ROOT, "+1206555%04d", n % 10_000),
                "+12065550101", "Yes, that works for me", Instant.now(), "alice", DeliveryStatus.RECEIVED);
    }

    /** Every number has one record; every attach succeeds; nothing is kept (the host is not what is measured). */
    static final class OneRecordPerNumber implements HostRecords {

        static RecordRef ref(String e164) {
            return new RecordRef(RecordType.EMPLOYEE, e164.substring(1));
        }

        @Override
        public Optional<HostRecord> record(RecordRef ref) {
            return Optional.of(new HostRecord(ref, ref.id(), "+" + ref.id()));
        }

        @Override
        public List<HostRecord> findByPhone(String e164) {
            return List.of(new HostRecord(ref(e164), e164, e164));
        }

        @Override
        public boolean attach(RecordRef ref, TextMessage message) {
            return true;
        }

        @Override
        public List<Boolean> attachAll(List<Attachment> attachments) {
            return attachments.stream().map(a -> Boolean.TRUE).toList();
        }

        @Override
        public List<TextMessage> messages(RecordRef ref) {
            return List.of();
        }
    }

}
