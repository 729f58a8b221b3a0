package org.atstexting.texting.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.testsupport.postgres.TestDatabases.Kind;
import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialTest;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.core.internal.credentials.DefaultCredentialService;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.atstexting.texting.spi.InboundText;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * What a node used to keep in its own memory, on two nodes (each its own components and pool) on
 * one database: a HELP answered by one node is not answered again by the other, and a Test pressed
 * on one node is the last test on the other.
 */
@RunWith(Parameterized.class)
public class NodeStateAcrossNodesTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    private static final String ACCOUNT = "+12065550101";
    private static final int ROUNDS = 20;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Kind kind;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private Core nodeA;
    private Core nodeB;

    public NodeStateAcrossNodesTest(Kind kind) {
        this.kind = kind;
    }

    @Before
    public void twoNodes() throws Exception {
        List<TextingDatabase> databases = TestDatabases.nodes(kind, tmp.newFolder("db").toPath(), 2);
        nodeA = new Core(tmp.newFolder("a").toPath(), databases.get(0));
        nodeB = new Core(tmp.newFolder("b").toPath(), databases.get(1));
        nodeA.poller.stop();
        nodeB.poller.stop();
    }

    @After
    public void stop() {
        threads.shutdownNow();
    }

    @Test
    public void twoHelpsAtTheSameMomentOnTwoNodesGetOneReply() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String number = "+1206555" + (2000 + round);
            String id = Integer.toString(round);
            CyclicBarrier together = new CyclicBarrier(2);
            // two HELPs from one number (a double tap), one reaching each node
            Future<?> a = threads.submit(() -> help(nodeA, together, number, "a-" + id));
            Future<?> b = threads.submit(() -> help(nodeB, together, number, "b-" + id));
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
            assertEquals("round " + round + ": one reply between the two nodes", 1, replies(number));
        }
        // the window is shared too: later HELPs within it get nothing on either node, after it one reply
        String number = "+12065552000";
        nodeB.clock.now = nodeB.clock.now.plus(Duration.ofMinutes(9));
        nodeB.recorder.received("zipwhip", text(number, "help", "late-b"));
        assertEquals(1, replies(number));
        nodeA.clock.now = nodeA.clock.now.plus(Duration.ofMinutes(11));
        nodeA.recorder.received("zipwhip", text(number, "HELP", "later-a"));
        nodeB.clock.now = nodeA.clock.now;
        nodeB.recorder.received("zipwhip", text(number, "HELP", "later-b"));
        assertEquals("a new window, one reply for both nodes", 2, replies(number));
    }

    @Test
    public void aTestPressedOnOneNodeIsTheLastTestOnTheOther() throws Exception {
        DefaultCredentialService onA = credentials(nodeA, nodeA.clock);
        DefaultCredentialService onB = credentials(nodeB, nodeB.clock);
        onA.saveSystemCredentials("admin", new CredentialsInput("zipwhip", "2065550100", "2065550100", "pw"));
        assertTrue("never tested", onB.lastSystemTest("admin", "zipwhip").isEmpty());

        CredentialCheck check = onA.testSystemCredentials("admin", "zipwhip");
        CredentialTest onNodeB = onB.lastSystemTest("admin", "zipwhip").orElseThrow();
        assertEquals(check, onNodeB.check());
        assertEquals(nodeA.clock.now, onNodeB.at());

        nodeB.clock.now = nodeB.clock.now.plusSeconds(60);
        onB.testSystemCredentials("admin", "zipwhip");
        assertEquals("the newest test wins, on both nodes", nodeB.clock.now,
                onA.lastSystemTest("admin", "zipwhip").orElseThrow().at());

        onB.saveSystemCredentials("admin", new CredentialsInput("zipwhip", "2065550100", "2065550100", "new-pw"));
        assertTrue("saved again on B: A no longer shows the old set's test",
                onA.lastSystemTest("admin", "zipwhip").isEmpty());

        onA.testUserCredentials("alice", "zipwhip");
        assertTrue(onB.lastUserTest("alice", "zipwhip").isPresent());
        assertTrue("another user's test is not alice's", onB.lastUserTest("admin", "zipwhip").isEmpty());
        onB.removeUserCredentials("alice", "zipwhip");
        assertTrue("removed on B: forgotten on A", onA.lastUserTest("alice", "zipwhip").isEmpty());
    }

    private static DefaultCredentialService credentials(Core node, Clock clock) {
        return new DefaultCredentialService(node.permissions, node.vault, node.registry,
                TestStores.testLog(node.store, clock), node.config);
    }

    private Object help(Core node, CyclicBarrier together, String number, String id) throws Exception {
        together.await(30, TimeUnit.SECONDS);
        node.recorder.received("zipwhip", text(number, "HELP", id));
        return null;
    }

    private int replies(String number) {
        List<String> all = new ArrayList<>(nodeA.provider.recipients());
        all.addAll(nodeB.provider.recipients());
        return (int) all.stream().filter(number::equals).count();
    }

    private static InboundText text(String from, String body, String id) {
        return new InboundText("in-" + id, from, ACCOUNT, body, Instant.parse("2026-03-02T15:00:00Z"));
    }
}
