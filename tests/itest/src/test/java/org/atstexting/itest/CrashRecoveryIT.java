package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.StandaloneSandboxServer;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * The JVM killed (SIGKILL) while texts flow both ways, then restarted: every text the
 * Zipwhip sandbox sent or received is on its record exactly once. The demo jar runs as a
 * child process; the sandbox runs here, in another process, so it outlives the kill like
 * Zipwhip would.
 */
public class CrashRecoveryIT {

    private static final String ACCOUNT = "2065550101";
    /** Records with numbers no other record shares: each text has exactly one home. */
    private static final Map<String, String> RECORDS = Map.of(
            "2065550124", "employee:1002",
            "2065550125", "contact:2001");

    private static final int PAGE = 500;

    private StandaloneSandboxServer sandbox;
    private DemoProcess demo;

    @Before
    public void startSandbox() throws IOException {
        sandbox = StandaloneSandboxServer.start();
        sandbox.addAccount("2065550100", "crash-system-pw");
        sandbox.addAccount(ACCOUNT, "crash-alice-pw");
        Path demoJar = Path.of(System.getProperty("atstexting.demo.jar", "../../distribution/bndrun/target/demo.jar"));
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "crash-recovery");
        demo = new DemoProcess(demoJar, work, freePort());
    }

    @After
    public void stop() throws InterruptedException {
        demo.close();
        sandbox.close();
    }

    @Test
    public void killedWhileTextsFlowThenRestartedEveryTextIsOnItsRecordOnce() throws Exception {
        demo.start();
        demo.configure("org.atstexting.zipwhip", "enabled", "true", "apiBaseUrl", sandbox.baseUri().toString());
        demo.configure("org.atstexting.texting.core", "pollIntervalSeconds", "1");
        assertEquals(200, demo.call("admin", "PUT", "/ats/texting/system/zipwhip",
                HostApi.credentials("2065550100", "2065550100", "crash-system-pw")).status());
        assertEquals(200, demo.call("alice", "PUT", "/ats/texting/user/zipwhip",
                HostApi.credentials(ACCOUNT, ACCOUNT, "crash-alice-pw")).status());

        AtomicBoolean flowing = new AtomicBoolean(true);
        AtomicInteger answeredSends = new AtomicInteger();
        Thread recruiter = new Thread(() -> {
            int n = 0;
            while (flowing.get()) {
                String record = n++ % 2 == 0 ? "employee:1002" : "contact:2001";
                try {
                    if (demo.call("alice", "POST", "/ats/texting/messages",
                            "{\"record\":\"" + record + "\",\"body\":\"Update " + n + "\"}").status() == 200) {
                        answeredSends.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Thread candidates = new Thread(() -> {
            int n = 0;
            while (flowing.get()) {
                sandbox.deliverReply(n++ % 2 == 0 ? "+12065550124" : "+12065550125", ACCOUNT, "Reply " + n);
                try {
                    Thread.sleep(15);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        recruiter.start();
        candidates.start();
        // the kill must come while texts flow both ways: wait for a dozen answered sends (not a fixed
        // time, which a loaded machine does not honour), then let the flow run a moment longer
        long flowDeadline = System.currentTimeMillis() + 60_000;
        while (answeredSends.get() <= 10 && System.currentTimeMillis() < flowDeadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1_000);
        demo.kill();
        Thread.sleep(300); // texts keep arriving at the provider while the host is down
        flowing.set(false);
        recruiter.join();
        candidates.join();
        assertTrue("texts flowed before the kill: " + answeredSends.get(), answeredSends.get() > 10);

        demo.start();
        List<SandboxMessage> expected = sandbox.messages(ACCOUNT);
        long deadline = System.currentTimeMillis() + 60_000;
        Map<String, Integer> counts = archivedCounts();
        while (!complete(expected, counts) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            counts = archivedCounts();
        }
        int inbound = 0;
        for (SandboxMessage message : expected) {
            String key = "zipwhip:" + message.id();
            assertEquals((message.inbound() ? "received " : "sent ") + key + " on its record", Integer.valueOf(1),
                    counts.getOrDefault(key, 0));
            inbound += message.inbound() ? 1 : 0;
        }
        assertTrue("texts both ways: " + expected.size() + " with " + inbound + " inbound",
                inbound > 10 && expected.size() - inbound > 10);
    }

    private static boolean complete(List<SandboxMessage> expected, Map<String, Integer> counts) {
        return expected.stream().allMatch(m -> counts.containsKey("zipwhip:" + m.id()));
    }

    /**
     * How often each text key appears on the two records, read page by page: a record holds
     * more texts than one page of the list (100 by default, 500 at most).
     */
    private Map<String, Integer> archivedCounts() throws InterruptedException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String record : RECORDS.values()) {
            int offset = 0;
            int page;
            do {
                HostApi.Reply reply = demo.call("alice", "GET", "/ats/texting/records/" + record
                        + "/messages?limit=" + PAGE + "&offset=" + offset, null);
                if (reply.status() != 200) {
                    fail("reading " + record + ": " + reply.status() + " " + reply.body());
                }
                page = 0;
                for (JsonElement message : JsonParser.parseString(reply.body()).getAsJsonArray()) {
                    counts.merge(message.getAsJsonObject().get("key").getAsString(), 1, Integer::sum);
                    page++;
                }
                offset += page;
            } while (page == PAGE);
        }
        return counts;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
