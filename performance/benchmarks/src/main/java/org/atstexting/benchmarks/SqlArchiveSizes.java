package org.atstexting.benchmarks;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Locale;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * The archive on the shared database while it already holds 10,000 and then 1,000,000 texts:
 * the rate of archiving new texts (pages of 50 from {@link SqlArchiveBenchmark#CALLERS} callers)
 * at each size, and how much slower the larger is. The texts already there are written by plain
 * batched JDBC (the same rows the archive writes, attached, with a status event each), so
 * filling a million takes minutes, not an hour. Each size has its own database, and the measured
 * rounds alternate between them. Run with {@code -Dbench.records=true} ({@code
 * -Dbench.recordSizes=10000,1000000}, {@code -Dbench.databases=h2,postgresql}, {@code -Dbench.rounds=5}).
 */
final class SqlArchiveSizes {

    private static final int MEASURED = Integer.getInteger("sqlMessages", 20_000);
    private static final int FILL_PAGE = 1_000;
    /** Measured rounds per size ({@code -Dbench.rounds}); the figure is their median. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);

    private SqlArchiveSizes() {
    }

    /** Prints one line per database and size, then {@code archive 1M/10k slowdown h2: <n> postgresql: <n>}. */
    static void run() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.recordSizes", "10000,1000000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).sorted().toArray();
        String databases = System.getProperty("bench.databases", "h2,postgresql");
        double h2 = !databases.contains("h2") ? Double.NaN : slowdown("h2", sizes, () -> TestDatabases.create(
                TestDatabases.Kind.H2, Files.createTempDirectory("archive-sizes-h2")));
        double pg = !databases.contains("postgresql") ? Double.NaN : slowdown("postgresql", sizes,
                () -> TestDatabases.create(TestDatabases.Kind.POSTGRESQL, Files.createTempDirectory("archive-sizes-pg")));
        System.out.printf(Locale.ROOT, "archive %s/%s slowdown h2: %.2fx postgresql: %.2fx (goal: at most 1.20x)%n",
                label(sizes[sizes.length - 1]), label(sizes[0]), h2, pg);
    }

    private interface Database {
        TextingDatabase create() throws Exception;
    }

    /**
     * One database per size, each filled, then rounds on each in turn: the sizes are measured side
     * by side, so a slow minute of the machine hits every size alike.
     */
    private static double slowdown(String name, int[] sizes, Database databases) throws Exception {
        MessageArchive[] archives = new MessageArchive[sizes.length];
        long[][] rounds = new long[sizes.length][ROUNDS];
        try {
            for (int i = 0; i < sizes.length; i++) {
                TextingDatabase db = databases.create();
                archives[i] = SqlArchiveBenchmark.archiveOn(db); // creates the tables
                SqlArchiveBenchmark.archive(archives[i], "warm", 5_000, SqlArchiveBenchmark.CALLERS);
                long fillStart = System.nanoTime();
                fill(db, 5_000, sizes[i]);
                System.out.printf(Locale.ROOT, "%s: %,d texts filled in %.0f s%n", name, sizes[i],
                        (System.nanoTime() - fillStart) / 1e9);
            }
            for (int r = 0; r < ROUNDS; r++) {
                for (int i = 0; i < sizes.length; i++) {
                    rounds[i][r] = SqlArchiveBenchmark.archive(archives[i], "m" + r + "-", MEASURED,
                            SqlArchiveBenchmark.CALLERS);
                }
            }
        } finally {
            for (MessageArchive archive : archives) {
                if (archive != null) {
                    Components.call(archive, "stop");
                }
            }
        }
        long[] rates = new long[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            System.out.printf(Locale.ROOT, "%s holding %,d texts: rounds %s msgs/s%n", name, sizes[i],
                    Arrays.toString(rounds[i]));
            Arrays.sort(rounds[i]);
            rates[i] = rounds[i][ROUNDS / 2];
        }
        System.out.printf(Locale.ROOT, "%s archive msgs/s %s: %d %s: %d (medians)%n", name, label(sizes[0]), rates[0],
                label(sizes[sizes.length - 1]), rates[sizes.length - 1]);
        return (double) rates[0] / rates[sizes.length - 1];
    }

    /** Plain batched JDBC up to {@code size} texts in all, a thousand per commit. */
    private static void fill(TextingDatabase db, int held, int size) throws Exception {
        for (int from = held; from < size; from += FILL_PAGE) {
            int first = from;
            db.inTransaction(c -> {
                SqlArchiveBenchmark.insertRows(c, "fill-", first, Math.min(first + FILL_PAGE, size));
                return null;
            });
        }
        try (java.sql.Connection c = db.connection(); java.sql.Statement s = c.createStatement()) {
            s.execute(db.product().equalsIgnoreCase("H2") ? "ANALYZE" : "ANALYZE archive_text"); // plans for this size
            if (db.product().equalsIgnoreCase("H2")) {
                s.execute("CHECKPOINT SYNC"); // the fill's chunks written out before the archive is measured
            }
        }
    }

    private static String label(int size) {
        return size >= 1_000_000 && size % 1_000_000 == 0 ? size / 1_000_000 + "M"
                : size >= 1_000 && size % 1_000 == 0 ? size / 1_000 + "k" : Integer.toString(size);
    }
}
