package org.atstexting.benchmark.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.StandaloneSandboxServer;

/**
 * The bulk job's crash test, end to end: the exported demo ({@code distribution/bndrun/target/demo.jar})
 * runs as a child JVM against a standalone Zipwhip sandbox in this JVM (so what was texted
 * survives the child). Through the child's Gogo shell it creates 10,010 records, opts 10 of
 * them out and starts one bulk job to all of them plus 10 duplicates (10,000 eligible
 * recipients); when the sandbox has received about half, the child is killed with SIGKILL,
 * started again on the same data, and left to finish. Then every eligible number must have
 * been texted exactly once, and no other number at all.
 *
 * <p>Prints {@code bulk sent-once: <n>/<eligible>}; exits 1 if a number was texted twice or
 * not at all.
 */
public final class BulkRestartBenchmark {

    private static final int RECORDS = 10_010;
    private static final int OPTED_OUT = 10;
    private static final int DUPLICATES = 10;
    private static final long FIRST_ID = 500_000;
    private static final long FIRST_NUMBER = 12065560000L;
    private static final String BODY = "Open day on Friday: reply YES to book a slot";
    private static final Pattern JOB = Pattern.compile("bulk job ([0-9a-f-]{36}) \\[(\\w+)\\]");

    private final Path work;
    private final DemoNode node;
    private final StandaloneSandboxServer sandbox;
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "400"));

    private BulkRestartBenchmark(Path work, Path demoJar) throws IOException {
        this.work = work;
        this.node = new DemoNode(demoJar, work, List.of());
        this.sandbox = StandaloneSandboxServer.start();
        sandbox.addAccount("2065550100", "sandbox-system");
        sandbox.addAccount("2065550101", "sandbox-alice");
    }

    public static void main(String[] args) throws Exception {
        Path demoJar = Path.of(System.getProperty("bench.demoJar", "distribution/bndrun/target/demo.jar")).toAbsolutePath();
        Path work = Path.of(System.getProperty("bench.workDir", "target/bulk-restart")).toAbsolutePath();
        if (!Files.isRegularFile(demoJar)) {
            System.err.println("No " + demoJar + ": build it first (mvn -B install -DskipTests)");
            System.exit(2);
        }
        deleteTree(work);
        Files.createDirectories(work.resolve("home"));
        BulkRestartBenchmark bench = new BulkRestartBenchmark(work, demoJar);
        int code;
        try {
            code = bench.run();
        } finally {
            bench.node.close();
            bench.sandbox.close();
        }
        System.exit(code);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        String job = startJob();
        int eligible = RECORDS - OPTED_OUT;
        killHalfway(eligible);
        restartUntilDone(job);
        return report(eligible, started);
    }

    /** Configures the demo as an admin would, adds the records and opt-outs, starts the job; its id. */
    private String startJob() throws Exception {
        node.start();
        node.configure("org.atstexting.zipwhip", Map.of("enabled", "true", "apiBaseUrl", sandbox.baseUri().toString(),
                "sendRatePerSecond", "0"));
        node.configure("org.atstexting.texting.core", Map.of("pollIntervalSeconds", "30"));
        // the bulk worker's own PID: no quiet hours, whatever the time of day this runs
        node.configure(BulkNodesBenchmark.BULK_PID, Map.of("bulkSendsPerSecond", Double.toString(rate),
                "sendWindowStart", "00:00", "sendWindowEnd", "00:00"));
        Thread.sleep(2_000); // the reconfigured components come back
        node.command("texting:setsystem admin zipwhip 2065550100 2065550100 sandbox-system", "Saved system");
        node.command("texting:setuser alice zipwhip 2065550101 2065550101 sandbox-alice", "Saved user");
        node.command("host:addrecords " + FIRST_ID + " " + RECORDS + " " + FIRST_NUMBER, "saved " + RECORDS + " records");
        for (int i = 0; i < OPTED_OUT; i++) {
            node.command("texting:optout admin +" + number(RECORDS - 1 - i) + " benchmark", "OPTED OUT");
        }
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            refs.add("employee:" + (FIRST_ID + i));
        }
        for (int i = 0; i < DUPLICATES; i++) {
            refs.add("employee:" + (FIRST_ID + 17 * i));
        }
        Path list = work.resolve("recipients.txt");
        Files.write(list, refs);
        String startedJob = node.command("texting:bulk alice @" + list + " " + BODY, "bulk job ");
        Matcher m = JOB.matcher(startedJob);
        if (!m.find()) {
            throw new IllegalStateException("no job id in: " + startedJob);
        }
        String job = m.group(1);
        System.out.println("bulk job " + job + ": " + refs.size() + " recipients, " + (RECORDS - OPTED_OUT)
                + " eligible, " + rate + " sends/s");
        return job;

    }

    /** Waits until half the eligible recipients were texted, then kills the demo (SIGKILL). */
    private void killHalfway(int eligible) throws Exception {
        int half = eligible / 2;
        long t0 = System.nanoTime();
        while (bulkTexts() < half) {
            Thread.sleep(20);
            if (!node.isAlive()) {
                throw new IllegalStateException("the demo died on its own; see " + node.log());
            }
        }
        int beforeKill = bulkTexts();
        node.kill(); // SIGKILL: no shutdown hook, no deactivation, no last commit
        int atKill = bulkTexts();
        double firstRate = beforeKill / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("killed the demo (SIGKILL) after %d texts (%d when it was dead), %.0f texts/s%n",
                beforeKill, atKill, firstRate);
    }

    /** Starts the demo again and waits until the job is done. */
    private void restartUntilDone(String job) throws Exception {
        node.start();
        String state;
        long deadline = System.nanoTime() + 15L * 60 * 1_000_000_000L;
        do {
            Thread.sleep(2_000);
            state = node.command("texting:bulkjob alice " + job, "bulk job ");
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not finish: " + state);
            }
        } while (!state.contains("[DONE]"));
        System.out.println("after the restart: " + state.strip());
    }

    /** Counts what the sandbox received per recipient; 0 when everyone eligible got exactly one text. */
    private int report(int eligible, long started) {
        Map<String, Integer> texts = new HashMap<>();
        for (SandboxMessage message : sandbox.sent()) {
            if (message.body().equals(BODY)) {
                texts.merge(message.destAddress(), 1, Integer::sum);
            }
        }
        int once = 0;
        int twice = 0;
        int missing = 0;
        for (int i = 0; i < eligible; i++) {
            int n = texts.getOrDefault(Long.toString(number(i)).substring(1), 0);
            if (n == 1) {
                once++;
            } else if (n == 0) {
                missing++;
            } else {
                twice++;
            }
        }
        int ineligible = 0;
        for (int i = eligible; i < RECORDS; i++) {
            ineligible += texts.getOrDefault(Long.toString(number(i)).substring(1), 0);
        }
        System.out.printf("texted twice or more: %d, not texted: %d, opted-out numbers texted: %d, in %.0f s%n",
                twice, missing, ineligible, (System.nanoTime() - started) / 1e9);
        System.out.println("bulk sent-once: " + once + "/" + eligible);
        return once == eligible && ineligible == 0 ? 0 : 1;
    }

    private int bulkTexts() {
        return (int) sandbox.sent().stream().filter(m -> m.body().equals(BODY)).count();
    }

    private static long number(int i) {
        return FIRST_NUMBER + i;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
