package org.atstexting.itest.karaf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A stock Apache Karaf unpacked from its distribution, on free ports, reading the built
 * ats-texting artifacts from a repository directory, driven through {@code bin/client} as
 * an integrator would.
 */
final class Karaf implements AutoCloseable {

    private static final String SENTINEL = "__ats_done__";

    final Path home;
    final int sshPort = freePort();
    final int httpPort = freePort();
    private final String javaHome = System.getProperty("java.home");

    private Karaf(Path home) {
        this.home = home;
    }

    /** Unpacks {@code dist} (tar.gz) into {@code work} and points it at free ports and {@code repo}. */
    static Karaf unpack(Path dist, Path work, Path repo, Path localRepo) throws Exception {
        Files.createDirectories(work);
        run(work, List.of("tar", "xzf", dist.toAbsolutePath().toString()), 120);
        Path home;
        try (var dirs = Files.list(work)) {
            home = dirs.filter(d -> d.getFileName().toString().startsWith("apache-karaf-")).findFirst().orElseThrow();
        }
        Karaf karaf = new Karaf(home);
        karaf.configure(repo, localRepo);
        return karaf;
    }

    private void configure(Path repo, Path localRepo) throws IOException {
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        replace("etc/org.apache.karaf.shell.cfg", "sshHost = 0.0.0.0", "sshHost = 127.0.0.1");
        replace("etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + freePort());
        replace("etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + freePort());
        replace("etc/users.properties", "#karaf = karaf,_g_:admingroup", "karaf = karaf,_g_:admingroup");
        replace("etc/users.properties", "#_g_\\:admingroup", "_g_\\:admingroup");
        // Pax Web's port, for when the test installs http-whiteboard (read when Pax Web starts)
        Files.writeString(home.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port = " + httpPort
                + "\norg.ops4j.pax.web.listening.addresses = 127.0.0.1\n");
        // our built artifacts in place; everything else from the local repository (Central fills it the first time)
        replace("etc/org.ops4j.pax.url.mvn.cfg", "@id=child.system.repository@snapshots",
                "@id=child.system.repository@snapshots, \\\n    " + repo.toUri() + "@id=ats-texting-built@snapshots");
        Files.writeString(home.resolve("etc/org.ops4j.pax.url.mvn.cfg"), "\norg.ops4j.pax.url.mvn.localRepository="
                + localRepo + "\norg.ops4j.pax.url.mvn.repositories=https://repo1.maven.org/maven2@id=central\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    private void replace(String file, String from, String to) throws IOException {
        Path path = home.resolve(file);
        String text = Files.readString(path);
        if (!text.contains(from)) {
            throw new IllegalStateException(file + " has no '" + from + "': another Karaf version?");
        }
        Files.writeString(path, text.replace(from, to));
    }

    void start() throws Exception {
        run(home, List.of(home.resolve("bin/start").toString()), 60);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", sshPort)) {
                if (shell("echo ready").contains("ready")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(500);
            }
        }
        throw new AssertionError("Karaf's SSH console did not come up on port " + sshPort);
    }

    /**
     * Runs {@code script} through {@code bin/client} and returns what it printed. Karaf prints a
     * command's result only when the script writes it ({@code echo (cmd)}). The client ends when
     * its input closes, so input stays open until the script's last line has printed (or a
     * command failed).
     */
    String shell(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", String.valueOf(sshPort),
                "-h", "127.0.0.1", "-u", "karaf", "-p", "karaf", "-r", "3", script + "; echo " + SENTINEL)
                .redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        try (InputStream in = p.getInputStream(); OutputStream stdin = p.getOutputStream()) {
            byte[] buf = new byte[8192];
            while (System.nanoTime() < deadline) {
                if (in.available() > 0) {
                    int n = in.read(buf);
                    out.write(buf, 0, n);
                    String text = out.toString(StandardCharsets.UTF_8);
                    if (text.contains(SENTINEL) || text.contains("Error executing command")) {
                        Thread.sleep(200); // the rest of an error message
                        while (in.available() > 0) {
                            out.write(buf, 0, in.read(buf));
                        }
                        break;
                    }
                } else if (!p.isAlive()) {
                    out.write(in.readAllBytes());
                    break;
                } else {
                    Thread.sleep(50);
                }
            }
        } finally {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        return out.toString(StandardCharsets.UTF_8).replace(SENTINEL, "").replaceAll("\u001B\\[[0-9;]*m", "").trim();
    }

    /** Runs {@code script} until its output passes {@code done}, for at most {@code seconds}; returns the last output. */
    String await(String script, Predicate<String> done, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last;
        do {
            last = shell(script);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("after " + seconds + " s, `" + script + "` still prints:\n" + last);
    }

    String log() {
        try {
            String log = Files.readString(home.resolve("data/log/karaf.log"));
            return log.length() > 60_000 ? log.substring(log.length() - 60_000) : log;
        } catch (IOException e) {
            return "(no karaf.log: " + e + ")";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run(home, List.of(home.resolve("bin/stop").toString()), 60);
        } finally {
            // bin/stop returns before the JVM is gone; Karaf's own pid file names it
            Path pid = home.resolve("karaf.pid");
            if (Files.exists(pid)) {
                long id = Long.parseLong(Files.readString(pid).trim());
                ProcessHandle.of(id).ifPresent(h -> {
                    try {
                        h.onExit().get(60, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                });
            }
        }
    }

    private static void run(Path dir, List<String> command, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("JAVA_MAX_MEM", "768m"); // a shared 2-core build machine: Karaf's default takes a quarter of RAM
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + seconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " exited with " + p.exitValue());
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
