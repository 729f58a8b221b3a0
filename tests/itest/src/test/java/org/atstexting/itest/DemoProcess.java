package org.atstexting.itest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The exported demo jar as a child process: started in a working directory (its data stays
 * there between runs), called over HTTP, and killed with SIGKILL.
 */
final class DemoProcess implements AutoCloseable {

    private final Path demoJar;
    private final Path workDir;
    private final int port;
    private final List<String> jvmOptions;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;
    private int starts;

    DemoProcess(Path demoJar, Path workDir, int port) {
        this(demoJar, workDir, port, List.of());
    }

    /** @param jvmOptions more {@code -D...} options, e.g. the database a node shares with others */
    DemoProcess(Path demoJar, Path workDir, int port, List<String> jvmOptions) {
        this.demoJar = demoJar;
        this.workDir = workDir;
        this.port = port;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    int port() {
        return port;
    }

    Path workDir() {
        return workDir;
    }

    void start() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path log = workDir.resolve("demo-" + (++starts) + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-Dorg.osgi.service.http.port=" + port,
                "-Datstexting.sandbox.configureProvider=false",
                "-Dgosh.args=--nointeractive",
                // the credential key file lives under user.home: keep it with this run
                "-Duser.home=" + workDir.resolve("home").toAbsolutePath()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", demoJar.toAbsolutePath().toString()));
        process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (call("admin", "GET", "/ats/texting/credentials", null).status() != 200) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the demo did not start; see " + log);
            }
            Thread.sleep(200);
        }
    }

    /**
     * The node's threads as {@code jcmd Thread.print} prints them (what a failed test shows of
     * where a node stood), or why they could not be had.
     */
    String threadDump() {
        if (process == null || !process.isAlive()) {
            return "(not running)";
        }
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String out = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    /** SIGKILL: no shutdown hook, no bundle stop, no store close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Saves a configuration the way an admin does in the web console's form. */
    void configure(String pid, String... keysAndValues) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder("apply=true&action=ajaxConfigManager&propertylist=");
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            form.append(i == 0 ? "" : ",").append(keysAndValues[i]);
            values.append('&').append(keysAndValues[i]).append('=')
                    .append(java.net.URLEncoder.encode(keysAndValues[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/system/console/configMgr/" + pid))
                .header("Authorization", basic("admin", "admin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.append(values).toString())).build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status >= 400) {
            throw new IllegalStateException("the web console refused configuration " + pid + ": HTTP " + status);
        }
    }

    HostApi.Reply call(String user, String method, String path, String json) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", basic(user, "demo"))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new HostApi.Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new HostApi.Reply(-1, e.toString());
        }
    }

    /** The address of a path on this node. */
    String url(String path) {
        return base() + path;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
