package org.atstexting.itest.browser;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The exported demo jar as a child process on a free port, with fresh data: exactly what
 * {@code ./run-demo} starts, the sandbox pre-configured as the Zipwhip endpoint.
 */
final class DemoUnderTest implements AutoCloseable {

    final int port;
    private final Path workDir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;

    DemoUnderTest(Path demoJar, Path workDir) throws IOException, InterruptedException {
        this.port = freePort();
        this.workDir = workDir;
        deleteTree(workDir);
        Files.createDirectories(workDir);
        Path log = workDir.resolve("demo.log");
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.osgi.service.http.port=" + port,
                "-Dgosh.args=--nointeractive",
                "-Duser.home=" + workDir.resolve("home").toAbsolutePath(),
                "-jar", demoJar.toAbsolutePath().toString()))
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.currentTimeMillis() + 90_000;
        // the pages, texting's endpoints (all their services up) and the sandbox's phone page
        while (status("/ats/login.html") != 200 || !texting() || status("/zipwhip-sandbox-ui/") != 200) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the demo did not start; see " + log);
            }
            Thread.sleep(250);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A call as a non-browser client (HTTP Basic), for set-up and for checks outside the pages. */
    HttpResponse<String> call(String user, String method, String path, String contentType, String body)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private boolean texting() throws InterruptedException {
        try {
            return call("admin", "GET", "/ats/texting/me", null, null).statusCode() == 200;
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }

    private int status(String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}
