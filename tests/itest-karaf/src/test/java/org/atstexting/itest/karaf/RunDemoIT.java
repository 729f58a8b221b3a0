package org.atstexting.itest.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The {@code run-demo} script as a new user runs it: JVM options reach the JVM, a busy port
 * fails at once with a plain message, no terminal means no interactive shell (and the demo
 * keeps serving), a start after the build does not rebuild, and the README's curl lines do what
 * it says.
 */
public class RunDemoIT {

    private static final Path SCRIPT = Path.of(System.getProperty("atstexting.runDemo", "../../run-demo")).toAbsolutePath();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** The built jar is current (a fake build tool that does nothing stands in if the stamp is missing). */
    private ProcessBuilder demo(Path workDir, String... args) throws IOException {
        Path noBuild = tmp.newFile("mvn-noop").toPath();
        Files.writeString(noBuild, "#!/bin/sh\nexit 0\n");
        noBuild.toFile().setExecutable(true);
        List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("MVN", noBuild.toString());
        pb.environment().put("JAVA_OPTS", "-Duser.home=" + workDir.resolve("home") + " -Xmx256m");
        return pb;
    }

    @Test
    public void withoutATerminalItRunsWithoutTheShellOnTheGivenPortAndKeepsServing() throws Exception {
        Path work = tmp.newFolder("work").toPath();
        int port = Karaf.freePort();
        Path log = work.resolve("out.log");
        Process p = startDemo(work, port, log);
        try {
            int status = awaitAnswer(p, URI.create("http://127.0.0.1:" + port + "/system/console"), null);
            String out = Files.readString(log);
            assertTrue("the demo answers HTTP on the port given as -D (output: " + out + ")", status > 0);
            Thread.sleep(3000); // had input's end stopped the framework, it would be gone by now
            assertTrue("still running with input closed: " + Files.readString(log), p.isAlive());
            assertTrue(out, out.contains("without the interactive Gogo shell"));
            assertTrue("the demo's data is in its working directory",
                    Files.isDirectory(work.resolve("ats-texting-data/framework")));
        } finally {
            stop(p);
        }
    }

    /**
     * The README's JSON walk-through, its curl lines read from the README itself and sent as
     * written (only the port is the test's): every step succeeds on a new demo, the Test says OK,
     * and the text sent is on the record.
     */
    @Test
    public void theReadmesCurlLinesWorkAsWrittenOnANewDemo() throws Exception {
        List<ReadmeCurl.Request> steps = ReadmeCurl.blockAfter(
                Files.readString(SCRIPT.resolveSibling("README.md")), "The same tasks as JSON");
        assertTrue("the README's JSON block was read whole: " + steps, steps.size() >= 6);
        for (ReadmeCurl.Request step : steps) {
            assertEquals("the README's lines go to the demo's default address", "127.0.0.1:8080",
                    step.uri().getAuthority());
        }
        Path work = tmp.newFolder("curl").toPath();
        int port = Karaf.freePort();
        Path log = work.resolve("out.log");
        Process p = startDemo(work, port, log);
        try {
            ReadmeCurl.Request first = steps.get(0);
            assertEquals("the texting endpoints answer (output in " + log + ")", 200, awaitAnswer(p,
                    URI.create("http://127.0.0.1:" + port + "/ats/texting/credentials"), first));
            HttpClient http = HttpClient.newHttpClient();
            String hostAndPort = "127.0.0.1:" + port;
            for (ReadmeCurl.Request step : steps) {
                HttpResponse<String> answer = http.send(request(step, step.at(hostAndPort)),
                        HttpResponse.BodyHandlers.ofString());
                assertTrue(step.method() + " " + step.uri() + " answered " + answer.statusCode() + ": "
                        + answer.body(), answer.statusCode() / 100 == 2);
                if (step.uri().getPath().endsWith("/test")) {
                    assertTrue("the README's Test says OK: " + answer.body(),
                            answer.body().replace(" ", "").contains("\"ok\":true"));
                }
            }
            ReadmeCurl.Request send = steps.stream().filter(s -> s.uri().getPath().endsWith("/texting/messages"))
                    .findFirst().orElseThrow();
            ReadmeCurl.Request record = steps.stream().filter(s -> s.uri().getPath().startsWith("/ats/texting/records/"))
                    .findFirst().orElseThrow();
            String sent = send.body().replaceAll(".*\"body\":\"([^\"]*)\".*", "$1");
            // the archive writes in the background: the record shows the text within moments
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String onRecord = http.send(request(record, record.at(hostAndPort)), HttpResponse.BodyHandlers.ofString()).body();
            while (!onRecord.contains(sent) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                onRecord = http.send(request(record, record.at(hostAndPort)), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertTrue("\"" + sent + "\" is on " + record.uri() + ": " + onRecord, onRecord.contains(sent));
        } finally {
            stop(p);
        }
    }

    private static HttpRequest request(ReadmeCurl.Request step, URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .method(step.method(), step.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(step.body(), StandardCharsets.UTF_8));
        step.headers().forEach(builder::header);
        if (step.user() != null) {
            builder.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (step.user() + ":" + step.password()).getBytes(StandardCharsets.UTF_8)));
        }
        return builder.build();
    }

    private Process startDemo(Path work, int port, Path log) throws IOException {
        return demo(work, "-Dorg.osgi.service.http.port=" + port)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(log.toFile()).start();
    }

    /**
     * Asks {@code uri} (as {@code as}'s user, if given) until it answers something other than 404
     * (the servlet not there yet) or the demo stops; its last status, 0 for none.
     */
    private static int awaitAnswer(Process p, URI uri, ReadmeCurl.Request as) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest.Builder get = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        if (as != null) {
            get.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    (as.user() + ":" + as.password()).getBytes(StandardCharsets.UTF_8)));
        }
        int status = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while ((status == 0 || status == 404 && as != null) && System.nanoTime() < deadline && p.isAlive()) {
            try {
                status = http.send(get.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notYet) {
                status = 0;
            }
            if (status == 0 || status == 404 && as != null) {
                Thread.sleep(500);
            }
        }
        return status;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    @Test
    public void aBusyPortFailsAtOnceWithAPlainMessage() throws Exception {
        Path work = tmp.newFolder("busy").toPath();
        try (ServerSocket taken = new ServerSocket(0)) {
            Process p = demo(work, "-Dorg.osgi.service.http.port=" + taken.getLocalPort())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            assertTrue("exits", p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertFalse("non-zero exit: " + out, p.exitValue() == 0);
            assertTrue(out, out.contains("port " + taken.getLocalPort() + " is already in use"));
            assertFalse("no framework was started", Files.exists(work.resolve("ats-texting-data")));
        }
    }

    /**
     * The resolver rewrites the .bndrun files during the build, after which they are newer than
     * the jar: a start right after a build must not build again, a changed source must.
     */
    @Test
    public void aStartAfterTheBuildDoesNotRebuildButAChangedSourceDoes() throws Exception {
        Path tree = tmp.newFolder("tree").toPath();
        Files.copy(SCRIPT, tree.resolve("run-demo"));
        tree.resolve("run-demo").toFile().setExecutable(true);
        Files.createDirectories(tree.resolve("distribution/bndrun/target"));
        Files.createDirectories(tree.resolve("core/src/main/java"));
        Files.writeString(tree.resolve("core/src/main/java/A.java"), "class A {}");
        Files.writeString(tree.resolve("distribution/bndrun/demo.bndrun"), "-runbundles: a\n");
        Path builds = tree.resolve("builds.log");
        // a build that, like the real one, writes the jar and then has the resolver rewrite the .bndrun
        Path fakeMvn = tree.resolve("fake-mvn");
        Files.writeString(fakeMvn, "#!/bin/sh\necho build >> " + builds + "\n"
                + "touch " + tree.resolve("distribution/bndrun/target/demo.jar") + "\nsleep 1\n"
                + "touch " + tree.resolve("distribution/bndrun/demo.bndrun") + "\n");
        fakeMvn.toFile().setExecutable(true);

        start(tree, fakeMvn);
        assertEquals("the first start builds", 1, Files.readAllLines(builds).size());
        start(tree, fakeMvn);
        assertEquals("the next start does not", 1, Files.readAllLines(builds).size());
        Files.writeString(tree.resolve("core/src/main/java/A.java"), "class A { int changed; }");
        start(tree, fakeMvn);
        assertEquals("a changed source builds again", 2, Files.readAllLines(builds).size());
    }

    /** Runs the script up to its java call (the fake jar does not start; the build decision is what counts). */
    private static void start(Path tree, Path fakeMvn) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(tree.resolve("run-demo").toString(), "-Dorg.osgi.service.http.port="
                + Karaf.freePort()).directory(tree.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("MVN", fakeMvn.toString());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    }
}
