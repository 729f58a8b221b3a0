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
 * keeps serving), and a start after the build does not rebuild.
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
        Process p = demo(work, "-Dorg.osgi.service.http.port=" + port)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            int status = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (status == 0 && System.nanoTime() < deadline && p.isAlive()) {
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/system/console"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYet) {
                    Thread.sleep(500);
                }
            }
            String out = Files.readString(log);
            assertTrue("the demo answers HTTP on the port given as -D (output: " + out + ")", status > 0);
            Thread.sleep(3000); // had input's end stopped the framework, it would be gone by now
            assertTrue("still running with input closed: " + Files.readString(log), p.isAlive());
            assertTrue(out, out.contains("without the interactive Gogo shell"));
            assertTrue("the demo's data is in its working directory",
                    Files.isDirectory(work.resolve("ats-texting-data/framework")));
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
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
