package org.atstexting.texting.core.internal.bulk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.core.internal.TestStores;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Several nodes on one database: each runs its own bulk worker, and between them every
 * recipient gets exactly one text, counted at the provider.
 */
public class BulkNodesTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Core core;

    @Before
    public void setUp() throws Exception {
        core = new Core(tmp.getRoot().toPath());
    }

    private List<RecordRef> people(int n) {
        List<RecordRef> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            core.records.with("employee:" + (20_000 + i), "Candidate " + i, "+1206553" + String.format("%04d", i));
            refs.add(RecordRef.parse("employee:" + (20_000 + i)));
        }
        return refs;
    }

    @Test
    public void twoNodesSendAThousandRecipientsAndEachGetsExactlyOneText() throws Exception {
        core.config.sendWindowStart = "00:00"; // quiet hours off: the nodes run on the real clock
        core.config.sendWindowEnd = "00:00";
        List<RecordRef> refs = people(1_000);
        BulkTexting a = core.newBulk("node-a", Clock.systemUTC(), true);
        BulkTexting b = core.newBulk("node-b", Clock.systemUTC(), true);
        try {
            BulkJob job = a.start(BulkRequest.message("alice", refs, "Open day for everyone"));
            long deadline = System.currentTimeMillis() + 180_000;
            while (b.job("alice", job.id()).state() != BulkJob.State.DONE) {
                if (System.currentTimeMillis() > deadline) {
                    fail("the job did not finish: " + b.job("alice", job.id()));
                }
                Thread.sleep(50);
            }
            Map<String, Long> perNumber = core.provider.recipients().stream()
                    .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
            assertEquals("every recipient texted", 1_000, perNumber.size());
            assertEquals("none twice", 1_000, core.provider.recipients().size());
            assertEquals(1_000, a.job("alice", job.id()).sent());
            assertEquals("both nodes read the same counts", 1_000, b.job("alice", job.id()).sent());
        } finally {
            a.stop();
            b.stop();
        }
    }

    @Test
    public void aDeadNodesTextUnderWayIsLookedUpByAnotherOnceItsClaimRunsOutAndNotResent() throws Exception {
        List<RecordRef> refs = people(3);
        BulkTexting a = core.newBulk("node-a", core.clock, false);
        BulkJob job = a.start(BulkRequest.message("alice", refs, "Open day"));
        // node a claimed the first recipient, the provider took its text, and node a died
        String number = underWayAt("node-a", job, 0, "CURRENT_TIMESTAMP + INTERVAL '120' SECOND");
        core.provider.send(core.vault.unlock(core.vault.find("zipwhip", "alice").orElseThrow()),
                new org.atstexting.texting.spi.OutboundText(number, "Open day"));

        BulkTexting b = core.newBulk("node-b", core.clock, false);
        drain(b);
        assertEquals("node a's claim still holds: the others are texted, not that one", 3,
                core.provider.recipients().size());
        assertEquals(BulkRecipient.State.SENDING, b.recipients("alice", job.id()).get(0).state());
        assertEquals(BulkJob.State.RUNNING, b.job("alice", job.id()).state());

        expireClaims(job);
        drain(b);
        assertEquals("looked up, not sent again", List.of(number), core.provider.recipients().stream()
                .filter(number::equals).toList());
        assertEquals(3, new HashSet<>(core.provider.recipients()).size());
        BulkRecipient first = b.recipients("alice", job.id()).get(0);
        assertEquals(BulkRecipient.State.SENT, first.state());
        assertEquals(BulkJob.State.DONE, b.job("alice", job.id()).state());
    }

    @Test
    public void aTextUnderWayThatTheProviderSaysItCanNeverTellIsFailedAsUnknownAndNeverResent() throws Exception {
        List<RecordRef> refs = people(3);
        BulkTexting a = core.newBulk("node-a", core.clock, false);
        BulkJob job = a.start(BulkRequest.message("alice", refs, "Open day"));
        // node a died after storing the first as SENDING, before the provider stored its text
        underWayAt("node-a", job, 0, "CURRENT_TIMESTAMP - INTERVAL '1' SECOND");
        org.atstexting.texting.core.internal.LookupProvider provider =
                (org.atstexting.texting.core.internal.LookupProvider) core.provider;

        provider.lookUpFailure = new org.atstexting.texting.spi.ProviderException(
                org.atstexting.texting.spi.ProviderException.Kind.ERROR, "the provider is busy");
        BulkTexting b = core.newBulk("node-b", core.clock, false);
        drain(b);
        assertEquals("a look-up that may work later: asked again, nothing else of the job sent", 0,
                core.provider.recipients().size());
        assertEquals(BulkRecipient.State.SENDING, b.recipients("alice", job.id()).get(0).state());

        provider.lookUpFailure = new org.atstexting.texting.spi.ProviderException(
                org.atstexting.texting.spi.ProviderException.Kind.OUTCOME_UNKNOWN, "the list does not reach back");
        core.clock.now = core.clock.now.plusSeconds(10);
        drain(b);
        BulkRecipient first = b.recipients("alice", job.id()).get(0);
        assertEquals(BulkRecipient.State.FAILED, first.state());
        assertEquals(BulkRecipient.FailReason.OUTCOME_UNKNOWN, first.failReason());
        assertTrue(first.detail(), first.detail().contains("the list does not reach back"));
        int lookUps = provider.lookUps;
        assertEquals("the others texted, the first not again", 2, core.provider.recipients().size());
        assertTrue("not the first: " + core.provider.recipients(),
                !core.provider.recipients().contains(first.number()));
        assertEquals(BulkJob.State.DONE, b.job("alice", job.id()).state());
        drain(b);
        assertEquals("not asked again", lookUps, provider.lookUps);
    }

    @Test
    public void aNewClaimLeaseAppliesToTheNextClaimWithoutARestart() throws Exception {
        core.config.claimSeconds = 120;
        List<RecordRef> refs = people(4);
        BulkTexting node = core.newBulk("node-a", core.clock, false);
        BulkJob first = node.start(BulkRequest.message("alice", refs.subList(0, 2), "Open day"));
        node.step(); // claims both, texts the first
        assertTrue("claimed under the configured lease", leaseSecondsLeft(first).get(1) > 100);

        core.config.claimSeconds = 30;
        node.modified(core.config);
        BulkJob second = node.start(BulkRequest.message("alice", refs.subList(2, 4), "Open day"));
        for (int i = 0; i < 100 && core.provider.recipients().size() < 3; i++) {
            java.time.Instant next = node.step();
            core.clock.now = next != null ? next : core.clock.now;
        }
        assertEquals(3, core.provider.recipients().size());
        long left = leaseSecondsLeft(second).get(1);
        assertTrue("the next claim holds for the new lease, without a restart: " + left, left > 0 && left <= 30);
    }

    /** Each recipient's claim, in seconds left on the database's clock, in job order ({@code null}: none). */
    private List<Long> leaseSecondsLeft(BulkJob job) throws Exception {
        return TestStores.h2(core.dir).inTransaction(c -> {
            List<Long> left = new ArrayList<>();
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT claimed_until, CURRENT_TIMESTAMP "
                    + "FROM bulk_recipient WHERE job_id = ? ORDER BY idx")) {
                s.setString(1, job.id());
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        java.time.OffsetDateTime until = rs.getObject(1, java.time.OffsetDateTime.class);
                        left.add(until == null ? null : java.time.Duration.between(
                                rs.getObject(2, java.time.OffsetDateTime.class), until).toSeconds());
                    }
                }
            }
            return left;
        });
    }

    private void drain(BulkTexting node) {
        for (int i = 0; i < 1_000; i++) {
            java.time.Instant next = node.step();
            if (next != null) {
                if (next.isAfter(core.clock.now.plusSeconds(10))) {
                    return;
                }
                core.clock.now = next;
            }
        }
    }

    /** Stores a recipient as a node does just before its provider call: SENDING, claimed by the node. */
    private String underWayAt(String node, BulkJob job, int index, String until) throws Exception {
        return TestStores.h2(core.dir).inTransaction(c -> {
            try (java.sql.PreparedStatement s = c.prepareStatement("UPDATE bulk_recipient SET state = 'SENDING', "
                    + "attempt_at = ?, attempts = 1, claimed_by = ?, claimed_until = " + until
                    + " WHERE job_id = ? AND idx = ?")) {
                s.setObject(1, org.atstexting.texting.jdbc.TextingDatabase.timestamp(core.clock.now));
                s.setString(2, node);
                s.setString(3, job.id());
                s.setInt(4, index);
                s.executeUpdate();
            }
            try (java.sql.PreparedStatement s = c.prepareStatement(
                    "SELECT number FROM bulk_recipient WHERE job_id = ? AND idx = ?")) {
                s.setString(1, job.id());
                s.setInt(2, index);
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private void expireClaims(BulkJob job) throws Exception {
        TestStores.h2(core.dir).inTransaction(c -> {
            try (java.sql.PreparedStatement s = c.prepareStatement("UPDATE bulk_recipient SET claimed_until = "
                    + "CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE job_id = ?")) {
                s.setString(1, job.id());
                return s.executeUpdate();
            }
        });
    }

}
