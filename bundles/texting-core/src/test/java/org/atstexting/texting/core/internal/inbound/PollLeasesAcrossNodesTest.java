package org.atstexting.texting.core.internal.inbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.testsupport.postgres.TestDatabases.Kind;
import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.Direction;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.core.internal.Fixtures;
import org.atstexting.texting.core.internal.HistoryProvider;
import org.atstexting.texting.core.internal.inbound.PollLeases.Lease;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Two nodes (each its own components and pool) on one database poll the same accounts: each
 * account is asked by the node holding its lease only; a dead node's accounts are taken over
 * once its leases run out; a stalled former holder cannot move a cursor; a node that stops lets
 * go at once. The provider counts what each node asked, per account.
 */
@RunWith(Parameterized.class)
public class PollLeasesAcrossNodesTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    private static final List<String> ACCOUNTS = List.of("2065550101", "2065550111", "2065550112");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Kind kind;
    private Core nodeA;
    private Core nodeB;
    /** The one provider both nodes talk to, with a paged backlog. */
    private final HistoryProvider shared = new HistoryProvider();

    public PollLeasesAcrossNodesTest(Kind kind) {
        this.kind = kind;
    }

    /** What one node asked the provider, per account username. */
    static final class Counting implements TextingProvider {
        final TextingProvider target;
        final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();

        Counting(TextingProvider target) {
            this.target = target;
        }

        int fetches(String account) {
            AtomicInteger n = fetches.get(account);
            return n == null ? 0 : n.get();
        }

        int total() {
            return fetches.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        @Override
        public InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) throws ProviderException {
            fetches.computeIfAbsent(credentials.username(), k -> new AtomicInteger()).incrementAndGet();
            if (!credentials.username().equals(ACCOUNTS.get(0))) {
                return new InboundBatch(List.of(), List.of(), List.of(), cursor == null ? "0:0" : cursor, false);
            }
            return target.fetchInbound(credentials, cursor); // the backlog is the first account's
        }

        @Override
        public ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
            return target.send(credentials, text);
        }

        @Override
        public CredentialCheck test(ProviderCredentials credentials) {
            return target.test(credentials);
        }
    }

    @Before
    public void twoNodes() throws Exception {
        List<TextingDatabase> databases = TestDatabases.nodes(kind, tmp.newFolder("db").toPath(), 2);
        nodeA = new Core(tmp.newFolder("a").toPath(), databases.get(0));
        nodeB = new Core(tmp.newFolder("b").toPath(), databases.get(1));
        nodeA.vault.save("zipwhip", ACCOUNTS.get(1), "+12065550111", "u1", "pw1");
        nodeA.vault.save("zipwhip", ACCOUNTS.get(2), "+12065550112", "u2", "pw2");
        shared.reportsHistory = false;
        shared.pageSize = 10;
        for (int i = 0; i < 25; i++) {
            shared.inbound.add(new InboundText("in-" + i, "+12065560000", "+12065550101", "reply " + i,
                    Instant.parse("2026-03-02T09:00:00Z").plusSeconds(i)));
        }
    }

    private static InboundPoller poller(Core node, Counting provider, String nodeId, int leaseSeconds) {
        node.poller.stop(); // the harness's own poller stays out of it
        return new InboundPoller(node.vault, Fixtures.registry("zipwhip", provider), node.recorder, node.store,
                node.config, nodeId, leaseSeconds);
    }

    @Test
    public void eachAccountIsAskedOnlyByTheNodeThatHoldsItsLease() {
        Counting askedByA = new Counting(shared);
        Counting askedByB = new Counting(shared);
        InboundPoller a = poller(nodeA, askedByA, "node-a", 60);
        InboundPoller b = poller(nodeB, askedByB, "node-b", 60);
        for (int round = 0; round < 3; round++) {
            a.round();
            b.round();
        }
        for (String account : ACCOUNTS) {
            assertTrue(account + " was polled by A", askedByA.fetches(account) > 0);
            assertEquals(account + " was never asked by B while A holds it", 0, askedByB.fetches(account));
        }
        assertEquals("the backlog was read once", 25, inboundArchived(nodeA) + inboundArchived(nodeB));
    }

    @Test
    public void aDeadNodesAccountsAreTakenOverWhenItsLeasesRunOut() throws Exception {
        Counting askedByA = new Counting(shared);
        Counting askedByB = new Counting(shared);
        nodeA.config.pollBatchesPerRound = 1;
        InboundPoller a = poller(nodeA, askedByA, "node-a", 1);
        InboundPoller b = poller(nodeB, askedByB, "node-b", 1);
        a.round(); // A reads the first page of each account, then dies (no stop, no release)
        int beforeTakeover = askedByA.total();
        b.round();
        assertEquals("B waits while A's leases last", 0, askedByB.total());

        long deadline = System.currentTimeMillis() + 30_000;
        // each lease runs out on its own (A took them one after the other): wait for all of them
        while (ACCOUNTS.stream().anyMatch(account -> askedByB.fetches(account) == 0)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            b.round();
        }
        for (String account : ACCOUNTS) {
            assertTrue(account + " taken over by B", askedByB.fetches(account) > 0);
        }
        assertEquals("A asked nothing more", beforeTakeover, askedByA.total());
        b.pollAll();
        assertEquals("B read on from A's cursor: each text once", 25, inboundArchived(nodeA) + inboundArchived(nodeB));
        assertEquals(25, new HashSet<>(inbound(nodeA, nodeB)).size());
    }

    @Test
    public void aStalledFormerHolderCannotMoveTheCursor() throws Exception {
        PollLeases a = new PollLeases(nodeA.store.database(), "node-a", 1);
        PollLeases b = new PollLeases(nodeB.store.database(), "node-b", 1);
        Lease stale = a.acquire("zipwhip", "acct").orElseThrow();
        assertTrue(a.saveCursor(stale, "a-1"));
        assertTrue("B waits while A's lease lasts", b.acquire("zipwhip", "acct").isEmpty());

        Optional<Lease> taken = Optional.empty();
        long deadline = System.currentTimeMillis() + 30_000;
        while (taken.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            taken = b.acquire("zipwhip", "acct");
        }
        Lease lease = taken.orElseThrow(() -> new AssertionError("B never took the expired lease"));
        assertEquals("B reads on from A's cursor", "a-1", lease.cursor());
        assertTrue(b.saveCursor(lease, "b-1"));

        assertFalse("A's write after the take-over is refused", a.saveCursor(stale, "a-2"));
        assertEquals("b-1", b.cursor("zipwhip", "acct").orElseThrow());
        assertTrue("A cannot take it back while B holds it", a.acquire("zipwhip", "acct").isEmpty());

        // B's lease runs out in turn and A takes the account back: the new lease, not the stalled one, may write
        Optional<Lease> back = Optional.empty();
        deadline = System.currentTimeMillis() + 30_000;
        while (back.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            back = a.acquire("zipwhip", "acct");
        }
        Lease fresh = back.orElseThrow(() -> new AssertionError("A never took the account back"));
        assertFalse("the stalled lease is still refused, though A holds the account again", a.saveCursor(stale, "a-old"));
        assertTrue(a.saveCursor(fresh, "a-3"));
        assertEquals("a-3", a.cursor("zipwhip", "acct").orElseThrow());
    }

    @Test
    public void aStoppingNodeLetsGoAtOnce() {
        Counting askedByA = new Counting(shared);
        Counting askedByB = new Counting(shared);
        InboundPoller a = poller(nodeA, askedByA, "node-a", 600);
        InboundPoller b = poller(nodeB, askedByB, "node-b", 600);
        a.round();
        a.stop();
        b.round();
        for (String account : ACCOUNTS) {
            assertTrue(account + " polled by B right after A stopped", askedByB.fetches(account) > 0);
        }
    }

    @Test
    public void aRestartedNodeTakesItsOwnLeasesBack() {
        Counting before = new Counting(shared);
        poller(nodeA, before, "node-a", 600).round();
        Counting after = new Counting(shared);
        poller(nodeA, after, "node-a", 600).round(); // the same node name, a new poller: a restart after a crash
        assertTrue(after.fetches(ACCOUNTS.get(0)) > 0);
    }

    private static List<String> inbound(Core... nodes) {
        List<String> all = new java.util.ArrayList<>();
        for (Core node : nodes) {
            synchronized (node.archive) {
                node.archive.archived.stream().filter(m -> m.direction() == Direction.INBOUND)
                        .map(TextMessage::body).forEach(all::add);
            }
        }
        return all;
    }

    private static int inboundArchived(Core node) {
        return inbound(node).size();
    }
}
