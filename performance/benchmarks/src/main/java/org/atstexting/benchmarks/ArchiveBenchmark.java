package org.atstexting.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RecordType;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.host.HostRecords;

/**
 * Archives inbound texts (the production archive and reference host, on their real
 * stores on disk, every hand-over committed) against 10,000 and then 1,000,000 records,
 * each text from the number of a random record, and prints texts per second for each
 * size: handed over a poll page at a time (the poll path, the figure the goal is about) and
 * one at a time, each waited for (the webhook path). The components are built as SCR would,
 * through {@link Components}, like every benchmark here.
 */
public final class ArchiveBenchmark {

    private static final int BATCH = 10_000;
    private static final int WARM_UP = 5_000;
    private static final int MEASURED = Integer.getInteger("messages", 50_000);
    private static final int ROUNDS = 3;
    /** Texts per poll page: the Zipwhip provider's default message/list page size. */
    private static final int PAGE = Integer.getInteger("page", 50);

    /** NANP exchanges 300-899 without the N11 service codes: 594 x 10,000 numbers in one area code. */
    private static final int[] EXCHANGES = java.util.stream.IntStream.rangeClosed(300, 899)
            .filter(e -> e % 100 != 11).toArray();

    private ArchiveBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        if (Boolean.getBoolean("bench.records") || List.of(args).contains("records")) {
            SqlArchiveSizes.run(); // the shared database holding 10,000 and then 1,000,000 texts
            System.exit(0);
        }
        if (!Boolean.getBoolean("bench.sqlOnly")) {
            long small = run(10_000);
            long large = run(1_000_000);
            System.out.printf(Locale.ROOT, "1M/10k slowdown: %.2fx (goal: at most 1.20x)%n", (double) small / large);
            System.out.println("archive msgs/s 10k: " + small + " 1M: " + large);
        }
        if (!Boolean.getBoolean("bench.fileOnly")) {
            SqlArchiveBenchmark.run(); // the shared database, against plain batched JDBC in the same run
        }
        System.exit(0); // the embedded PostgreSQL's and the archive's threads need not be waited for
    }

    private static long run(int records) throws Exception {
        Path dir = Files.createTempDirectory("archive-benchmark");
        // the reference host keeps its records in the shared database: an embedded H2 file here
        Object hostDatabase = Components.create("org.atstexting.texting.jdbc.internal.SqlTextingDatabase",
                org.h2.jdbcx.JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("host").resolve("host")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "", ""));
        Object host = Components.create("org.atstexting.host.reference.internal.HostStore", hostDatabase, false);
        try {
            long loadStart = System.nanoTime();
            load(host, records);
            System.out.printf(Locale.ROOT, "%,d records loaded in %.1f s%n", records,
                    (System.nanoTime() - loadStart) / 1e9);
            System.gc(); // the load's garbage goes now, not during one size's measured seconds
            Object store = Components.create("org.atstexting.texting.archive.internal.MvArchiveStore",
                    Components.dataArea(dir.resolve("archive").toFile()));
            MessageArchive archive = (MessageArchive) Components.create(
                    "org.atstexting.texting.archive.internal.RecordMessageArchive", store);
            Components.call(archive, "bindRecords", (HostRecords) Components.create(
                    "org.atstexting.host.reference.internal.ReferenceRecords", host));
            try {
                SplittableRandom random = new SplittableRandom(42);
                archive(archive, records, WARM_UP, 0, random, PAGE);
                // the median of three rounds: one slow second of this machine (a GC, the disk) does not
                // decide a size's figure
                long[] rounds = new long[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    rounds[round] = measure(archive, records, WARM_UP + round * MEASURED, random, PAGE);
                }
                java.util.Arrays.sort(rounds);
                long paged = rounds[ROUNDS / 2];
                long single = measure(archive, records, WARM_UP + ROUNDS * MEASURED, random, 1);
                System.out.printf(Locale.ROOT, "%,d records: %,d msgs/s in pages of %d (poll path), "
                        + "%,d msgs/s one at a time (webhook path)%n", records, paged, PAGE, single);
                return paged;
            } finally {
                Components.call(archive, "stop");
                Components.call(store, "close");
            }
        } finally {
            Components.call(host, "close");
            delete(dir);
        }
    }

    private static void load(Object host, int records) throws Exception {
        ReferenceHostAdmin admin = (ReferenceHostAdmin) Components.create(
                "org.atstexting.host.reference.internal.ReferenceHostAdminImpl", host);
        for (int from = 0; from < records; from += BATCH) {
            int first = from;
            Components.call(host, "write", (Runnable) () -> {
                for (int i = first; i < Math.min(first + BATCH, records); i++) {
                    admin.addRecord(new RecordRef(RecordType.EMPLOYEE, Integer.toString(i)), "Candidate " + i,
                            number(i));
                }
            });
        }
    }

    private static long measure(MessageArchive archive, int records, int firstId, SplittableRandom random, int page) {
        int count = page == 1 ? MEASURED / 5 : MEASURED; // one at a time is slow: fewer texts, same rate
        long start = System.nanoTime();
        archive(archive, records, count, firstId, random, page);
        return Math.round(count / ((System.nanoTime() - start) / 1e9));
    }

    private static void archive(MessageArchive archive, int records, int count, int firstId, SplittableRandom random,
            int page) {
        int unattached = 0;
        List<TextMessage> texts = new ArrayList<>(page);
        for (int n = 0; n < count; n++) {
            texts.add(new TextMessage("zipwhip", Integer.toString(firstId + n), Direction.INBOUND,
                    number(random.nextInt(records)), "+12065550101", "Yes, that works for me", Instant.now(), null,
                    DeliveryStatus.RECEIVED));
            if (texts.size() == page || n == count - 1) {
                List<ArchiveOutcome> attached = archive.archive(texts.stream().map(t -> ArchiveItem.text(t, null))
                        .toList()).toCompletableFuture().join();
                unattached += (int) attached.stream().filter(o -> o.records().isEmpty()).count();
                texts.clear();
            }
        }
        if (unattached > 0) {
            throw new IllegalStateException(unattached + " texts matched no record: the benchmark is broken");
        }
    }

    private static String number(int i) {
        return String.format(Locale.ROOT, "+1206%03d%04d", EXCHANGES[i / 10_000], i % 10_000);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
