package org.atstexting.benchmark.bulk;

import java.io.IOException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The exported demo jar as a child JVM, driven as an admin would: its Gogo shell on stdin
 * (the output goes to a log file, read back for answers) and the web console's configuration
 * manager. Each start is a new run with its own log in the node's directory.
 */
final class DemoNode implements AutoCloseable {

    private final Path demoJar;
    private final Path dir;
    private final List<String> jvmArgs;
    private final int port;
    private Process process;
    private PrintStream shell;
    private int runs;

    /** @param jvmArgs extra {@code -D} options, e.g. the shared database's URL */
    DemoNode(Path demoJar, Path dir, List<String> jvmArgs) throws IOException {
        this.demoJar = demoJar;
        this.dir = dir;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.port = freePort();
        Files.createDirectories(dir.resolve("home"));
    }

    /** Starts the JVM and waits until its shell answers and the Zipwhip provider is installed. */
    void start() throws Exception {
        runs++;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dorg.osgi.service.http.port=" + port, "-Duser.home=" + dir.resolve("home"),
                "-Dorg.ops4j.pax.logging.DefaultServiceLog.level=WARN"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", demoJar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log().toFile());
        process = pb.start();
        shell = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        long deadline = System.currentTimeMillis() + 180_000;
        while (!listening() || !command("texting:providers", "Installed providers", 5_000).contains("zipwhip")) {
            if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                throw new IllegalStateException("the demo did not start; see " + log());
            }
            Thread.sleep(200);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no deactivation, no last commit. */
    void kill() throws InterruptedException {
        if (isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    Path log() {
        return dir.resolve("demo-run" + runs + ".log");
    }

    private boolean listening() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** As {@link #command(String, String, long)}, failing when no such line comes within two minutes. */
    String command(String line, String expect) throws Exception {
        String out = command(line, expect, 120_000);
        if (out.isEmpty()) {
            throw new IllegalStateException("'" + line + "' did not answer with '" + expect + "'; see " + log());
        }
        return out;
    }

    /** Types a command into the shell; returns the first output line after it containing {@code expect}, or "". */
    String command(String line, String expect, long timeoutMillis) throws Exception {
        String marker = "mark-" + System.nanoTime();
        long from = Files.size(log());
        shell.println(line);
        shell.println("echo " + marker);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String text = Files.readString(log(), StandardCharsets.ISO_8859_1);
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
    void configure(String pid, Map<String, String> values) throws Exception {
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
}
