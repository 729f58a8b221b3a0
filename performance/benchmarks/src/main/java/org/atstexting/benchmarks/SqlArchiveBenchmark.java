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

    static final int PAGE = Integer.getInteger("page", 50);
    private static final int MEASURED = Integer.getInteger("sqlMessages", 20_000);
    private static final int WARM_UP = 5_000;
    /**
     * Callers handing pages over at once (polls of several accounts, webhooks): the archive's
     * writer groups what gathers while it commits. Raw has as many writers, each committing its pages.
     */
    static final int CALLERS = Integer.getInteger("callers", 4);

    private SqlArchiveBenchmark() {
    }

    /**
     * Prints the msgs/s lines of both databases, then {@code archive/raw ratio h2: <n> postgresql:
     * <n>}: the archive against one plain writer (the archive writes through one connection too),
     * and in brackets against as many plain writers as the archive has callers.
     */
    static void run() throws Exception {
        double[] h2 = ratio("h2", TestDatabases.create(TestDatabases.Kind.H2, Files.createTempDirectory("archive-h2")));
        double[] pg = ratio("postgresql", TestDatabases.create(TestDatabases.Kind.POSTGRESQL,
                Files.createTempDirectory("archive-pg")));
        System.out.printf(Locale.ROOT, "archive/raw ratio h2: %.2f postgresql: %.2f (goal: at least 0.5; against %d "
                + "plain writers: h2 %.2f postgresql %.2f)%n", h2[0], pg[0], CALLERS, h2[1], pg[1]);
    }

    /** The production archive on {@code db}, its host the in-memory {@link OneRecordPerNumber}. */
    static MessageArchive archiveOn(TextingDatabase db) throws Exception {
        Object store = Components.create("org.atstexting.texting.archive.internal.SqlArchiveStore", db);
        MessageArchive archive = (MessageArchive) Components.create(
                "org.atstexting.texting.archive.internal.RecordMessageArchive", store);
        Components.call(archive, "bindRecords", new OneRecordPerNumber());
        return archive;
    }

    /** @return the archive's rate over one plain writer's, and over {@link #CALLERS} plain writers' */
    private static double[] ratio(String name, TextingDatabase db) throws Exception {
        MessageArchive archive = archiveOn(db);
        try {
            archive(archive, "warm", WARM_UP, CALLERS);
            raw(db, "warmraw", WARM_UP, CALLERS);
            long[] archived = new long[3];
            long[] raw = new long[3];
            long[] alone = new long[3];
            long[] rawAlone = new long[3];
            for (int round = 0; round < 3; round++) { // interleaved: a slow second of the machine hits all
                archived[round] = archive(archive, "a" + round + "-", MEASURED, CALLERS);
                raw[round] = raw(db, "r" + round + "-", MEASURED, CALLERS);
                alone[round] = archive(archive, "s" + round + "-", MEASURED / 4, 1);
                rawAlone[round] = raw(db, "q" + round + "-", MEASURED, 1);
            }
            for (long[] rounds : List.of(archived, raw, alone, rawAlone)) {
                java.util.Arrays.sort(rounds);
            }
            System.out.printf(Locale.ROOT, "%s: archive %,d msgs/s (%d callers, pages of %d, one writer; one caller: "
                    + "%,d msgs/s), plain batched JDBC %,d msgs/s (one writer), %,d msgs/s (%d writers)%n", name,
                    archived[1], CALLERS, PAGE, alone[1], rawAlone[1], raw[1], CALLERS);
            return new double[] { (double) archived[1] / rawAlone[1], (double) archived[1] / raw[1] };
        } finally {
            Components.call(archive, "stop");
        }
    }

    /** Texts per second archived by {@code callers} threads at once, each handing over pages of {@link #PAGE}. */
    static long archive(MessageArchive archive, String prefix, int count, int callers) throws Exception {
        return parallel(count, callers, (slice, each) -> archivePages(archive, prefix + slice + "-", each));
    }

    private interface Slice {
        void write(int slice, int count) throws Exception;
    }

    /** Rows per second when {@code callers} threads each write their slice of {@code count}. */
    private static long parallel(int count, int callers, Slice work) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            long start = System.nanoTime();
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            int each = count / callers;
            for (int c = 0; c < callers; c++) {
                int slice = c;
                done.add(pool.submit(() -> {
                    work.write(slice, each);
                    return null;
                }));
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

    /**
     * The same rows, plain, from as many writers as the archive has callers: per page one batched INSERT of the texts as they end up (attached,
     * with their records) and one of their status events (the archive keeps each status a text
     * reached), into the same tables with the same indexes, and one commit.
     */
    static long raw(TextingDatabase db, String prefix, int count, int writers) throws Exception {
        return parallel(count, writers, (slice, each) -> {
            for (int from = 0; from < each; from += PAGE) {
                int first = from;
                db.inTransaction(c -> {
                    insertRows(c, prefix + slice + "-", first, Math.min(first + PAGE, each));
                    return null;
                });
            }
        });
    }

    /** Texts {@code prefix + first} to {@code prefix + (end - 1)}, attached, and their status events, batched. */
    static void insertRows(java.sql.Connection c, String prefix, int first, int end) throws java.sql.SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO archive_text (provider, "
                + "provider_message_id, place, direction, from_number, to_number, body, sent_at, user_id, "
                + "status, records) VALUES (?, ?, 'ATTACHED', ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement event = c.prepareStatement("INSERT INTO archive_status_event (provider, "
                        + "provider_message_id, status, recorded_at) VALUES (?, ?, ?, CURRENT_TIMESTAMP)")) {
            for (int n = first; n < end; n++) {
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
                event.setString(1, m.provider());
                event.setString(2, m.providerMessageId());
                event.setString(3, m.status().name());
                event.addBatch();
            }
            insert.executeBatch();
            event.executeBatch();
        }
    }

    static TextMessage text(String id, int n) {
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
