package org.atstexting.texting.core.internal.inbox;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.testsupport.postgres.TestDatabases.Kind;
import org.atstexting.texting.InboxEntry;
import org.atstexting.texting.TextingEvents;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.osgi.service.event.Event;

/**
 * A recruiter's inbox on two nodes (each its own components and pool) on one database, on H2 and
 * PostgreSQL: a reply announced on one node is in the inbox on the other; read on one, read on
 * both; the same announcement twice is one entry; the newest entries are kept, the oldest pruned.
 */
@RunWith(Parameterized.class)
public class InboxAcrossNodesTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Kind kind;
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC);
    private List<TextingDatabase> databases;
    private InboxFeed feedA;
    private InboxFeed feedB;
    private DefaultInboxService inboxA;
    private DefaultInboxService inboxB;

    public InboxAcrossNodesTest(Kind kind) {
        this.kind = kind;
    }

    @Before
    public void twoNodes() throws Exception {
        databases = TestDatabases.nodes(kind, tmp.newFolder("db").toPath(), 2);
        InboxStore storeA = new InboxStore(new CoreStore(databases.get(0)));
        InboxStore storeB = new InboxStore(new CoreStore(databases.get(1)));
        feedA = new InboxFeed(storeA, clock);
        feedB = new InboxFeed(storeB, clock);
        inboxA = new DefaultInboxService(new Viewers(), storeA, clock);
        inboxB = new DefaultInboxService(new Viewers(), storeB, clock);
    }

    @Test
    public void aReplyReadOnNodeAIsReadOnNodeB() throws Exception {
        feedA.handleEvent(received("alice", "zipwhip:r1"));
        feedA.handleEvent(received("alice", "zipwhip:r2"));
        feedA.handleEvent(received("bob", "zipwhip:r3"));

        assertEquals("B sees what A was told, newest first", List.of("zipwhip:r2", "zipwhip:r1"),
                keys(inboxB.inbox("alice")));
        assertTrue(inboxB.inbox("alice").stream().allMatch(InboxEntry::unread));

        assertTrue(inboxA.markRead("alice", "zipwhip:r1"));
        assertEquals("read on A, read on B", Map.of("zipwhip:r2", true, "zipwhip:r1", false),
                unread(inboxB.inbox("alice")));
        assertTrue("again: still there, still read", inboxB.markRead("alice", "zipwhip:r1"));
        assertFalse("bob's reply is not in alice's inbox", inboxB.markRead("alice", "zipwhip:r3"));
        assertEquals(List.of("zipwhip:r3"), keys(inboxA.inbox("bob")));
    }

    @Test
    public void theSameAnnouncementOnBothNodesIsOneEntryAndAReadStaysRead() throws Exception {
        feedA.handleEvent(received("alice", "zipwhip:r1"));
        inboxB.markRead("alice", "zipwhip:r1");
        feedB.handleEvent(received("alice", "zipwhip:r1"));
        feedA.handleEvent(received("alice", "zipwhip:r1"));
        List<InboxEntry> entries = inboxA.inbox("alice");
        assertEquals(1, entries.size());
        assertFalse("announced again: not unread again", entries.get(0).unread());
    }

    @Test
    public void eachInboxKeepsTheNewestEntriesWhicheverNodeAddsThem() throws Exception {
        InboxStore smallA = new InboxStore(new CoreStore(databases.get(0)), 3);
        InboxStore smallB = new InboxStore(new CoreStore(databases.get(1)), 3);
        for (int i = 1; i <= 5; i++) {
            (i % 2 == 0 ? smallA : smallB).add("alice", "zipwhip:r" + i, clock.instant());
        }
        smallA.add("bob", "zipwhip:b1", clock.instant());
        assertEquals(List.of("zipwhip:r5", "zipwhip:r4", "zipwhip:r3"), keys(smallB.entries("alice")));
        assertEquals("other users' inboxes are theirs", List.of("zipwhip:b1"), keys(smallB.entries("bob")));
        assertEquals(3, rows("alice"));
    }

    @Test
    public void withoutViewTextMessagesThereIsNoInbox() throws Exception {
        feedA.handleEvent(received("carol", "zipwhip:r1"));
        for (String user : new String[] {"carol", null}) {
            try {
                inboxB.inbox(user);
                fail("refused");
            } catch (TextingException e) {
                assertEquals(TextingException.Reason.NOT_PERMITTED, e.reason());
            }
        }
        try {
            inboxA.markRead("carol", "zipwhip:r1");
            fail("refused");
        } catch (TextingException e) {
            assertEquals(TextingException.Reason.NOT_PERMITTED, e.reason());
        }
        assertTrue("the refused read changed nothing", new InboxStore(new CoreStore(databases.get(1))).entries("carol").get(0).unread());
    }

    private int rows(String user) throws Exception {
        try (var c = databases.get(0).connection();
                var s = c.prepareStatement("SELECT COUNT(*) FROM core_inbox WHERE user_id = ?")) {
            s.setString(1, user);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static Event received(String user, String key) {
        return new Event(TextingEvents.RECEIVED, Map.of(TextingEvents.USER_ID, user, TextingEvents.MESSAGE_KEY, key));
    }

    private static List<String> keys(List<InboxEntry> entries) {
        return entries.stream().map(InboxEntry::messageKey).toList();
    }

    private static Map<String, Boolean> unread(List<InboxEntry> entries) {
        java.util.Map<String, Boolean> map = new java.util.LinkedHashMap<>();
        entries.forEach(e -> map.put(e.messageKey(), e.unread()));
        return map;
    }

    /** alice and bob may see texts; carol may not. */
    static final class Viewers implements TextingPermissions {
        private static final Set<String> VIEWERS = Set.of("alice", "bob");

        @Override
        public boolean canText(String userId) {
            return VIEWERS.contains(userId);
        }

        @Override
        public boolean canViewMessages(String userId) {
            return VIEWERS.contains(userId);
        }

        @Override
        public boolean isAdmin(String userId) {
            return false;
        }
    }
}
