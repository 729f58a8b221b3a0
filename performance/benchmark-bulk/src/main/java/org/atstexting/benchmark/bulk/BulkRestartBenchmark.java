package org.atstexting.benchmark.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
    private final Path demoJar;
    private final int port;
    private final StandaloneSandboxServer sandbox;
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "400"));
    private Process child;
    private PrintStream shell;
    private int runs;

    private BulkRestartBenchmark(Path work, Path demoJar) throws IOException {
        this.work = work;
        this.demoJar = demoJar;
        this.port = freePort();
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
            bench.stopChild();
            bench.sandbox.close();
        }
        System.exit(code);
    }

    private int run() throws Exception {
        long started = System.nanoTime();
        startChild();
        configure("org.atstexting.zipwhip", Map.of("enabled", "true", "apiBaseUrl", sandbox.baseUri().toString(),
                "sendRatePerSecond", "0"));
        configure("org.atstexting.texting.core", Map.of("bulkSendsPerSecond", Double.toString(rate),
                "pollIntervalSeconds", "30", "sendWindowStart", "00:00", "sendWindowEnd", "00:00"));
        Thread.sleep(2_000); // the reconfigured components come back
        command("texting:setsystem admin zipwhip 2065550100 2065550100 sandbox-system", "Saved system");
        command("texting:setuser alice zipwhip 2065550101 2065550101 sandbox-alice", "Saved user");
        command("host:addrecords " + FIRST_ID + " " + RECORDS + " " + FIRST_NUMBER, "saved " + RECORDS + " records");
        for (int i = 0; i < OPTED_OUT; i++) {
            command("texting:optout admin +" + number(RECORDS - 1 - i) + " benchmark", "OPTED OUT");
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
        String startedJob = command("texting:bulk alice @" + list + " " + BODY, "bulk job ");
        Matcher m = JOB.matcher(startedJob);
        if (!m.find()) {
            throw new IllegalStateException("no job id in: " + startedJob);
        }
        String job = m.group(1);
        int eligible = RECORDS - OPTED_OUT;
        System.out.println("bulk job " + job + ": " + refs.size() + " recipients, " + eligible + " eligible, "
                + rate + " sends/s");

        int half = eligible / 2;
        long t0 = System.nanoTime();
        while (bulkTexts() < half) {
            Thread.sleep(20);
            if (!child.isAlive()) {
                throw new IllegalStateException("the demo died on its own; see " + log(runs));
            }
        }
        int beforeKill = bulkTexts();
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no deactivation, no last commit
        child.waitFor();
        int atKill = bulkTexts();
        double firstRate = beforeKill / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("killed the demo (SIGKILL) after %d texts (%d when it was dead), %.0f texts/s%n",
                beforeKill, atKill, firstRate);

        startChild();
        String state;
        long deadline = System.nanoTime() + 15L * 60 * 1_000_000_000L;
        do {
            Thread.sleep(2_000);
            state = command("texting:bulkjob alice " + job, "bulk job ");
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not finish: " + state);
            }
        } while (!state.contains("[DONE]"));
        System.out.println("after the restart: " + state.strip());

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

    // ------------------------------------------------------------------ the child JVM

    private void startChild() throws Exception {
        runs++;
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.osgi.service.http.port=" + port, "-Duser.home=" + work.resolve("home"),
                "-Dorg.ops4j.pax.logging.DefaultServiceLog.level=WARN", "-jar", demoJar.toString());
        pb.directory(work.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log(runs).toFile());
        child = pb.start();
        OutputStream stdin = child.getOutputStream();
        shell = new PrintStream(stdin, true, StandardCharsets.UTF_8);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!listening() || !command("texting:providers", "Installed providers", 5_000).contains("zipwhip")) {
            if (System.currentTimeMillis() > deadline || !child.isAlive()) {
                throw new IllegalStateException("the demo did not start; see " + log(runs));
            }
            Thread.sleep(200);
        }
    }

    private void stopChild() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    private Path log(int run) {
        return work.resolve("demo-run" + run + ".log");
    }

    private boolean listening() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String command(String line, String expect) throws Exception {
        String out = command(line, expect, 120_000);
        if (out.isEmpty()) {
            throw new IllegalStateException("'" + line + "' did not answer with '" + expect + "'; see " + log(runs));
        }
        return out;
    }

    /** Types a command into the child's Gogo shell; returns the first output line after it containing {@code expect}. */
    private String command(String line, String expect, long timeoutMillis) throws Exception {
        String marker = "mark-" + System.nanoTime();
        long from = Files.size(log(runs));
        shell.println(line);
        shell.println("echo " + marker);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String text = Files.readString(log(runs), StandardCharsets.ISO_8859_1);
            String fresh = text.length() > from ? text.substring((int) from) : "";
            int end = fresh.indexOf(marker + "\n");
            if (end < 0) {
                end = fresh.lastIndexOf(marker);
                end = end >= 0 && fresh.indexOf('\n', end) > 0 ? end : -1;
            }
            if (end >= 0) {
                return fresh.substring(0, end).lines().filter(l -> l.contains(expect)).findFirst().orElse("");
            }
            Thread.sleep(50);
        }
        return "";
    }

    /** Sets configuration properties through the web console's configuration manager (admin/admin). */
    private void configure(String pid, Map<String, String> values) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("apply", "true");
        form.put("action", "ajaxConfigManager");
        form.put("propertylist", String.join(",", values.keySet()));
        form.putAll(values);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/system/console/configMgr/" + pid))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException("configuring " + pid + " failed: " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
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
