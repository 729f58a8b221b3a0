package org.atstexting.texting.core.internal.inbound;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import org.atstexting.texting.Direction;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.core.internal.Fixtures;
import org.atstexting.texting.core.internal.HistoryProvider;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The poller against a provider that keeps the SPI's paging contract: a backlog larger than
 * one read is read completely, once, oldest first, with the cursor committed after every batch.
 */
public class InboundPollerTest {

    private static final String ACCOUNT = "+12065550101";
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Core core;

    @Before
    public void setUp() throws Exception {
        core = new Core(tmp.getRoot().toPath());
        core.provider.reportsHistory = false;
        core.provider.pageSize = 100;
    }

    private void backlog(int n) {
        for (int i = 0; i < n; i++) {
            core.provider.inbound.add(new InboundText("in-" + i, "+1206556" + String.format("%04d", i % 10_000),
                    ACCOUNT, "reply " + i, T0.plusSeconds(i)));
        }
    }

    private List<String> archivedInbound() {
        synchronized (core.archive) { // the scheduled poller may be archiving
            return core.archive.archived.stream().filter(m -> m.direction() == Direction.INBOUND)
                    .map(TextMessage::body).toList();
        }
    }

    /** The archive holds replies {@code 0..n-1}, each once, in order (a short message when not). */
    private void assertArchived(String what, int n) {
        List<String> archived = archivedInbound();
        assertEquals(what + ": how many archived", n, archived.size());
        for (int i = 0; i < n; i++) {
            assertEquals(what + ": at " + i, "reply " + i, archived.get(i));
        }
    }

    @Test
    public void aBacklogOfFiveThousandIsRecordedCompletelyOnceAndOldestFirst() {
        backlog(5_000);

        int read = core.poller.pollAll();

        assertEquals(5_000, read);
        assertArchived("every text once, oldest first", 5_000);
        assertEquals("50 batches of 100, and no more", 50, core.provider.fetches);
        assertEquals(0, core.poller.pollAll());
    }

    @Test
    public void aRoundGivesEachAccountItsShareAndSaysABacklogIsLeft() throws Exception {
        core.config.pollBatchesPerRound = 5;
        core.poller.modified(core.config);
        backlog(1_250);

        InboundPoller.Round first = core.poller.round();
        assertEquals(500, first.read());
        assertTrue("more to read: the next round starts at once", first.backlog());
        assertArchived("the first round", 500);

        assertTrue(core.poller.round().backlog());
        InboundPoller.Round third = core.poller.round();
        assertEquals(250, third.read());
        assertFalse(third.backlog());
        assertArchived("three rounds", 1_250);
    }

    @Test
    public void theCursorIsCommittedAfterEveryBatchSoAFailureInABacklogLosesNothing() throws Exception {
        backlog(5_000);
        core.provider.failFetch = 7; // the connection drops in the middle of the backlog

        core.poller.pollAll();
        assertEquals("six batches read and their cursor kept", "0:600", core.poller.cursor("zipwhip", "2065550101"));
        assertArchived("before the failure", 600);

        core.restart(); // the cursor is on disk
        core.poller.pollAll();
        assertArchived("after the restart", 5_000);
        assertEquals(5_000, new HashSet<>(core.archive.archived).size());
    }

    @Test
    public void scheduledRoundsFollowEachOtherAtOnceWhileAProviderHasMore() throws Exception {
        backlog(3_000);
        core.config.pollIntervalSeconds = 1;
        core.config.pollBatchesPerRound = 1;
        core.poller.modified(core.config); // 30 rounds of one batch: 30 s if each waited for the interval

        long deadline = System.currentTimeMillis() + 15_000;
        while (archivedInbound().size() < 3_000 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        core.poller.stop();
        assertArchived("scheduled rounds", 3_000);
    }

    @Test
    public void aProviderThatSaysMoreWithoutMovingItsCursorIsNotAskedForEver() throws Exception {
        Core stuck = new Core(tmp.newFolder("stuck").toPath());
        HistoryProvider provider = new HistoryProvider() {
            @Override
            public synchronized InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) {
                fetches++;
                return new InboundBatch(List.of(), List.of(), List.of(), cursor, true);
            }
        };
        InboundPoller poller = new InboundPoller(stuck.vault, Fixtures.registry("zipwhip", provider), stuck.recorder,
                stuck.store, stuck.config);
        assertFalse("no backlog left to read at once", poller.round().backlog());
        assertEquals("asked once in the round, not again at once", 1, provider.fetches);
        assertFalse(poller.round().backlog());
        assertEquals(2, provider.fetches);
    }
}
