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
 * filling a million takes a minute, not an hour. Run with {@code -Dbench.records=true}
 * ({@code -Dbench.recordSizes=10000,1000000} to choose the sizes).
 */
final class SqlArchiveSizes {

    private static final int MEASURED = Integer.getInteger("sqlMessages", 20_000);
    private static final int FILL_PAGE = 1_000;

    private SqlArchiveSizes() {
    }

    /** Prints one line per database and size, then {@code archive 1M/10k slowdown h2: <n> postgresql: <n>}. */
    static void run() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.recordSizes", "10000,1000000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).sorted().toArray();
        double h2 = slowdown("h2", TestDatabases.create(TestDatabases.Kind.H2,
                Files.createTempDirectory("archive-sizes-h2")), sizes);
        double pg = slowdown("postgresql", TestDatabases.create(TestDatabases.Kind.POSTGRESQL,
                Files.createTempDirectory("archive-sizes-pg")), sizes);
        System.out.printf(Locale.ROOT, "archive %s/%s slowdown h2: %.2fx postgresql: %.2fx (goal: at most 1.20x)%n",
                label(sizes[sizes.length - 1]), label(sizes[0]), h2, pg);
    }

    private static double slowdown(String name, TextingDatabase db, int[] sizes) throws Exception {
        MessageArchive archive = SqlArchiveBenchmark.archiveOn(db); // creates the tables
        try {
            SqlArchiveBenchmark.archive(archive, "warm", 5_000, SqlArchiveBenchmark.CALLERS);
            int held = 5_000;
            long[] rates = new long[sizes.length];
            for (int i = 0; i < sizes.length; i++) {
                long fillStart = System.nanoTime();
                fill(db, held, sizes[i]);
                double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
                held = Math.max(held, sizes[i]);
                long[] rounds = new long[3];
                for (int r = 0; r < rounds.length; r++) {
                    rounds[r] = SqlArchiveBenchmark.archive(archive, "m" + sizes[i] + "-" + r + "-", MEASURED,
                            SqlArchiveBenchmark.CALLERS);
                }
                Arrays.sort(rounds);
                rates[i] = rounds[1];
                System.out.printf(Locale.ROOT, "%s holding %,d texts: archive %,d msgs/s (median of %s; filled in "
                        + "%.0f s)%n", name, sizes[i], rates[i], Arrays.toString(rounds), fillSeconds);
                held += rounds.length * MEASURED;
            }
            System.out.printf(Locale.ROOT, "%s archive msgs/s %s: %d %s: %d%n", name, label(sizes[0]), rates[0],
                    label(sizes[sizes.length - 1]), rates[sizes.length - 1]);
            return (double) rates[0] / rates[sizes.length - 1];
        } finally {
            Components.call(archive, "stop");
        }
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
        }
    }

    private static String label(int size) {
        return size >= 1_000_000 && size % 1_000_000 == 0 ? size / 1_000_000 + "M"
                : size >= 1_000 && size % 1_000 == 0 ? size / 1_000 + "k" : Integer.toString(size);
    }
}
