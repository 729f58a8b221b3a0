package org.atstexting.benchmark.bulk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.atstexting.fake.support.LoopbackServer;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.sandbox.zipwhip.internal.SandboxEngine;
import org.atstexting.testsupport.postgres.TestDatabases;

/**
 * A 10,000-recipient bulk job sent by one node and then by two, each time on a fresh database
 * of one embedded PostgreSQL, against one Zipwhip fake in this JVM, with the provider's limiter
 * off and the bulk rate far above what a node reaches: what is measured is how fast the nodes
 * get through the job, and how that scales with a second node. The nodes are the exported demo
 * ({@code distribution/bndrun/target/demo.jar}) as child JVMs sharing the database
 * ({@code -Datstexting.jdbc.url}) and one credential key.
 *
 * <p>{@code -Dbench.latencyMillis=<n>} (default 0) makes the fake answer every
 * {@code message/send} after n ms, as the real provider's round trip does; {@code
 * -Dbench.recipients=<n>} (10,000), {@code -Dbench.nodes=1,2}. The last line is {@code bulk
 * nodes 1: <msgs/s> 2: <msgs/s>}, the rate from the job's first text to its last.
 */
public final class BulkNodesBenchmark {

    static final String BULK_PID = "org.atstexting.texting.core.bulk";
    private static final String BODY = "Open day on Friday: reply YES to book a slot";
    private static final String SYSTEM_ACCOUNT = "2065550100";
    private static final String SYSTEM_PASSWORD = "sandbox-system";
    private static final String ACCOUNT = "2065550101";
    private static final String PASSWORD = "sandbox-alice";
    private static final int FIRST_ID = 50_000;

    private final Path demoJar;
    private final Path work;
    private final int recipients = Integer.getInteger("bench.recipients", 10_000);
    private final long latencyMillis = Long.getLong("bench.latencyMillis", 0);
    private final SandboxEngine fake = new SandboxEngine();
    private final LoopbackServer server;

    private BulkNodesBenchmark(Path demoJar, Path work) throws Exception {
        this.demoJar = demoJar;
        this.work = work;
        fake.addAccount(SYSTEM_ACCOUNT, SYSTEM_PASSWORD);
        fake.addAccount(ACCOUNT, PASSWORD);
        // the provider's round trip: every send waits, on its own thread (the server's threads are unbounded)
        server = LoopbackServer.start(ZipwhipSandbox.BASE_PATH, "zipwhip-fake", request -> {
            if (latencyMillis > 0 && request.path().endsWith("message/send")) {
                try {
                    Thread.sleep(latencyMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("stopping");
                }
            }
            return fake.handle(request);
        });
    }

    public static void main(String[] args) throws Exception {
        Path demoJar = Path.of(System.getProperty("bench.demoJar", "distribution/bndrun/target/demo.jar"))
                .toAbsolutePath();
        Path work = Path.of(System.getProperty("bench.workDir", "target/bulk-nodes")).toAbsolutePath();
        if (!Files.isRegularFile(demoJar)) {
            System.err.println("No " + demoJar + ": build it first (mvn -B verify -DskipTests)");
            System.exit(2);
        }
        BulkRestartBenchmark.deleteTree(work);
        BulkNodesBenchmark bench = new BulkNodesBenchmark(demoJar, work);
        List<String> results = new ArrayList<>();
        try {
            for (String n : System.getProperty("bench.nodes", "1,2").split(",")) {
                int nodes = Integer.parseInt(n.trim());
                results.add(nodes + ": " + Math.round(bench.run(nodes)));
            }
        } finally {
            bench.server.close();
            bench.fake.shutdown();
        }
        System.out.println("bulk nodes " + String.join(" ", results));
        System.exit(0); // the embedded PostgreSQL stops with this JVM
    }

    /** The job's rate on {@code count} nodes, each started fresh on a new database. */
    private double run(int count) throws Exception {
        fake.reset();
        String database = TestDatabases.newDatabaseName();
        String url = TestDatabases.postgresUrl(database);
        Path dir = work.resolve(count + "-nodes");
        List<String> shared = List.of("-Datstexting.jdbc.url=" + url, "-Datstexting.jdbc.user=postgres",
                "-Datstexting.credentials.keyFile=" + dir.resolve("credentials.key"));
        List<DemoNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                DemoNode node = new DemoNode(demoJar, dir.resolve("node" + i), shared);
                node.start(); // one after the other: the first creates the key file and the tables
                configure(node);
                nodes.add(node);
            }
            DemoNode first = nodes.get(0);
            first.command("texting:setsystem admin zipwhip " + SYSTEM_ACCOUNT + " " + SYSTEM_ACCOUNT + " "
                    + SYSTEM_PASSWORD, "Saved system");
            first.command("texting:setuser alice zipwhip " + ACCOUNT + " " + ACCOUNT + " " + PASSWORD, "Saved user");
            Path list = dir.resolve("recipients.txt");
            Files.write(list, records(url));
            first.command("texting:bulk alice @" + list + " " + BODY, "bulk job ");
            return awaitJob(count, nodes);
        } finally {
            for (DemoNode node : nodes) {
                node.close();
            }
        }
    }

    private void configure(DemoNode node) throws Exception {
        node.configure("org.atstexting.zipwhip", Map.of("enabled", "true", "apiBaseUrl", server.baseUri().toString(),
                "sendRatePerSecond", "0"));
        node.configure(BULK_PID, Map.of("bulkSendsPerSecond", "10000", "sendWindowStart", "00:00",
                "sendWindowEnd", "00:00"));
        Thread.sleep(2_000); // the reconfigured components come back
    }

    /** Employee records written straight into the reference host's table, as a host's import would. */
    private List<String> records(String url) throws Exception {
        List<String> refs = new ArrayList<>(recipients);
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement insert = c.prepareStatement("INSERT INTO host_record "
                        + "(record_type, record_id, display_name, phone_number) VALUES ('employee', ?, ?, ?)")) {
            c.setAutoCommit(false);
            for (int i = 0; i < recipients; i++) {
                String id = Integer.toString(FIRST_ID + i);
                insert.setString(1, id);
                insert.setString(2, "Bulk Candidate " + i);
                insert.setString(3, String.format(Locale.ROOT, "+1312%07d", 5_550_000 + i));
                insert.addBatch();
                refs.add("employee:" + id);
            }
            insert.executeBatch();
            c.commit();
        }
        return refs;
    }

    /** Waits until every recipient was texted; the rate counts from the job's first text to its last. */
    private double awaitJob(int count, List<DemoNode> nodes) throws Exception {
        long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
        long first = 0;
        int sent;
        while ((sent = sent()) < recipients) {
            if (first == 0 && sent > 0) {
                first = System.nanoTime();
            }
            for (DemoNode node : nodes) {
                if (!node.isAlive()) {
                    throw new IllegalStateException("a node died; see " + node.log());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not finish: " + sent + " of " + recipients);
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - first) / 1e9;
        double rate = (recipients - 1) / seconds;
        System.out.printf(Locale.ROOT, "%d node(s): %,d texts in %.1f s = %.0f msgs/s (fake's latency %d ms)%n",
                count, recipients, seconds, rate, latencyMillis);
        return rate;
    }

    private int sent() {
        return (int) fake.sent().stream().filter(m -> m.body().equals(BODY)).count();
    }
}
