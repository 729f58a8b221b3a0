package org.atstexting.host.reference.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.PermissionDefinition;
import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

@RunWith(Parameterized.class)
public class ReferenceHostTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    @Parameter
    public TestDatabases.Kind kind;

    private static final RecordRef DANA = RecordRef.parse("employee:1001");
    private static final RecordRef ELI = RecordRef.parse("employee:1002");
    private static final RecordRef FRAN = RecordRef.parse("contact:2001");
    private static final RecordRef GUS = RecordRef.parse("contact:2002");
    private static final String CAN_TEXT = TextingPermissions.CAN_TEXT;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path h2Directory;
    private String postgresName;
    private TextingDatabase database;
    private HostStore store;
    private ReferenceHostAdminImpl admin;
    private ReferenceSecurityGroups groups;
    private ReferenceUsers users;
    private ReferenceRecords records;

    @Before
    public void open() throws Exception {
        h2Directory = temp.newFolder("db").toPath();
        postgresName = kind == TestDatabases.Kind.POSTGRESQL ? TestDatabases.newDatabaseName() : null;
        database = TestDatabases.database(nodeSource());
        openStore(true);
    }

    /** A data source of its own (as a second node has) on this test's database. */
    private DataSource nodeSource() {
        return kind == TestDatabases.Kind.H2 ? TestDatabases.h2DataSource(h2Directory)
                : TestDatabases.postgresDatabase(postgresName);
    }

    private void openStore(boolean seed) {
        store = new HostStore(database, seed);
        admin = new ReferenceHostAdminImpl(store);
        groups = new ReferenceSecurityGroups(store);
        users = new ReferenceUsers(store);
        records = new ReferenceRecords(store);
    }

    /** A node started again on the same database (nothing in memory survives). */
    private void restart() {
        openStore(true);
    }

    private static TextMessage text(String id, DeliveryStatus status, Instant at) {
        return new TextMessage("zipwhip", id, Direction.OUTBOUND, "+12065550100", "+12065550123", "hello " + id,
                at, "alice", status);
    }

    private static Set<RecordRef> refs(List<HostRecord> found) {
        return found.stream().map(HostRecord::ref).collect(Collectors.toSet());
    }

    @Test
    public void seedsTheDemoData() {
        assertEquals(Map.of(
                "Administrators", Set.of(CAN_TEXT, TextingPermissions.VIEW_MESSAGES),
                "Recruiters", Set.of(CAN_TEXT, TextingPermissions.VIEW_MESSAGES),
                "Staff", Set.of()), admin.groups());
        assertEquals(List.of(
                new HostUser("admin", "Ada Admin", true),
                new HostUser("alice", "Alice Recruiter", false),
                new HostUser("bob", "Bob Staff", false)), admin.users());
        assertEquals(Optional.of("Administrators"), admin.groupOf("admin"));
        assertEquals(Optional.of("Recruiters"), admin.groupOf("alice"));
        assertEquals(Optional.of("Staff"), admin.groupOf("bob"));
        assertEquals(4, admin.recordCount());
        assertEquals(Optional.of(new HostRecord(DANA, "Dana Candidate", "+12065550123")), records.record(DANA));
        assertEquals(Optional.of(new HostRecord(ELI, "Eli Candidate", "+12065550124")), records.record(ELI));
        assertEquals(Optional.of(new HostRecord(FRAN, "Fran Employer", "+12065550125")), records.record(FRAN));
        assertEquals(Optional.of(new HostRecord(GUS, "Gus Employer", "+12065550123")), records.record(GUS));
        assertTrue(groups.hasPermission("admin", CAN_TEXT));
        assertTrue(groups.hasPermission("alice", CAN_TEXT));
        assertFalse(groups.hasPermission("bob", CAN_TEXT));
        assertTrue(groups.permissions().isEmpty());
    }

    @Test
    public void seedsNothingWhenSeedingIsOff() throws Exception {
        database = TestDatabases.create(kind, temp.newFolder("empty").toPath());
        openStore(false);
        assertTrue(store.isEmpty());
        assertEquals(0, admin.recordCount());
        assertTrue(admin.users().isEmpty());
    }

    @Test
    public void doesNotSeedAgainOverExistingData() {
        admin.deleteRecord(DANA);
        admin.addUser("carol", "Carol", false, "Staff");
        restart();
        assertEquals(3, admin.recordCount());
        assertEquals(4, admin.users().size());
    }

    @Test
    public void usersAreLookedUp() {
        assertEquals(Optional.of(new HostUser("admin", "Ada Admin", true)), users.user("admin"));
        assertEquals(Optional.empty(), users.user("nobody"));
        assertEquals(Optional.empty(), users.user(null));
    }

    @Test
    public void aUserIsInExactlyOneGroup() {
        admin.assignGroup("bob", "Recruiters");
        assertEquals(Optional.of("Recruiters"), admin.groupOf("bob"));
        assertTrue(groups.hasPermission("bob", CAN_TEXT));

        admin.assignGroup("bob", "Staff");
        assertEquals(Optional.of("Staff"), admin.groupOf("bob"));
        assertFalse("moving out of a group drops its permissions", groups.hasPermission("bob", CAN_TEXT));
        assertEquals(Optional.empty(), admin.groupOf("nobody"));
    }

    @Test
    public void unknownGroupsAndUsersAreRefusedAndChangeNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> admin.assignGroup("bob", "Nope"));
        assertEquals("unknown group 'Nope'", e.getMessage());
        assertEquals(Optional.of("Staff"), admin.groupOf("bob"));

        e = assertThrows(IllegalArgumentException.class, () -> admin.assignGroup("nobody", "Staff"));
        assertEquals("unknown user 'nobody'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> admin.grant("Nope", CAN_TEXT));
        assertThrows(IllegalArgumentException.class, () -> admin.revoke("Nope", CAN_TEXT));
        assertThrows(IllegalArgumentException.class, () -> admin.addUser("carol", "Carol", false, "Nope"));
        assertEquals(Optional.empty(), users.user("carol"));
        assertEquals(3, admin.groups().size());
    }

    @Test
    public void grantAndRevokeDecideHasPermission() {
        assertFalse(groups.hasPermission("bob", "reports.export"));
        admin.grant("Staff", "reports.export");
        assertTrue(groups.hasPermission("bob", "reports.export"));
        assertFalse(groups.hasPermission("alice", "reports.export"));

        admin.revoke("Staff", "reports.export");
        assertFalse(groups.hasPermission("bob", "reports.export"));
        admin.revoke("Staff", "reports.export"); // not granted: nothing happens

        admin.addGroup("Interns");
        admin.addUser("ivan", "Ivan Intern", false, "Interns");
        assertFalse(groups.hasPermission("ivan", CAN_TEXT));
        admin.grant("Interns", CAN_TEXT);
        assertTrue(groups.hasPermission("ivan", CAN_TEXT));
        assertFalse(groups.hasPermission("nobody", CAN_TEXT));
        assertFalse(groups.hasPermission(null, CAN_TEXT));
    }

    @Test
    public void registeringAPermissionIsIdempotentAndKeepsGrants() {
        groups.registerPermission(new PermissionDefinition(CAN_TEXT, "Permission", "Can Text", "first"));
        groups.registerPermission(new PermissionDefinition(CAN_TEXT, "Permission", "Can Text",
                TextingPermissions.CAN_TEXT_DESCRIPTION));
        assertEquals(List.of(new PermissionDefinition(CAN_TEXT, "Permission", "Can Text",
                TextingPermissions.CAN_TEXT_DESCRIPTION)), groups.permissions());
        assertTrue(groups.hasPermission("alice", CAN_TEXT));
        restart();
        assertEquals(1, groups.permissions().size());
    }

    @Test
    public void findByPhoneFindsEveryRecordSharingTheNumber() {
        assertEquals(Set.of(DANA, GUS), refs(records.findByPhone("+12065550123")));
        assertEquals(Set.of(ELI), refs(records.findByPhone("+12065550124")));
        assertEquals(Set.of(DANA, GUS), refs(records.findByPhone("(206) 555-0123")));
        assertTrue(records.findByPhone("+12065550199").isEmpty());
        assertTrue(records.findByPhone("not a number").isEmpty());
        assertTrue(records.findByPhone(null).isEmpty());
    }

    @Test
    public void findByPhoneFollowsANumberChange() {
        admin.addRecord(GUS, "Gus Employer", "206-555-0126");
        assertEquals(Set.of(DANA), refs(records.findByPhone("+12065550123")));
        assertEquals(List.of(new HostRecord(GUS, "Gus Employer", "+12065550126")),
                records.findByPhone("+12065550126"));

        admin.addRecord(DANA, "Dana Candidate", null);
        assertTrue(records.findByPhone("+12065550123").isEmpty());
        assertEquals(Optional.of(new HostRecord(DANA, "Dana Candidate", null)), records.record(DANA));
        assertEquals(4, admin.recordCount());
    }

    @Test
    public void aDeletedRecordIsGone() {
        records.attach(DANA, text("m1", DeliveryStatus.SENT, Instant.parse("2025-01-01T10:00:00Z")));
        assertTrue(admin.deleteRecord(DANA));
        assertFalse(admin.deleteRecord(DANA));
        assertEquals(Optional.empty(), records.record(DANA));
        assertEquals(Set.of(GUS), refs(records.findByPhone("+12065550123")));
        assertFalse(records.attach(DANA, text("m2", DeliveryStatus.SENT, Instant.now())));
        assertTrue(records.messages(DANA).isEmpty());
        assertEquals(3, admin.recordCount());

        // a new record under the same ref starts without the old texts
        admin.addRecord(DANA, "Dana Again", "+12065550123");
        assertTrue(records.messages(DANA).isEmpty());
        assertEquals(Set.of(DANA, GUS), refs(records.findByPhone("+12065550123")));
    }

    @Test
    public void attachIsIdempotentAndStatusOnlyMovesForward() {
        Instant t = Instant.parse("2025-01-01T10:00:00Z");
        assertTrue(records.attach(DANA, text("m1", DeliveryStatus.QUEUED, t)));
        assertTrue(records.attach(DANA, text("m1", DeliveryStatus.QUEUED, t)));
        assertEquals(List.of(text("m1", DeliveryStatus.QUEUED, t)), records.messages(DANA));

        records.attach(DANA, text("m1", DeliveryStatus.DELIVERED, t));
        assertEquals(List.of(text("m1", DeliveryStatus.DELIVERED, t)), records.messages(DANA));

        records.attach(DANA, text("m1", DeliveryStatus.SENT, t)); // late update never wins
        assertEquals(List.of(text("m1", DeliveryStatus.DELIVERED, t)), records.messages(DANA));

        TextMessage changedBody = new TextMessage("zipwhip", "m1", Direction.OUTBOUND, "+12065550100",
                "+12065550123", "other body", t, "alice", DeliveryStatus.FAILED);
        records.attach(DANA, changedBody); // same rank as DELIVERED: not forward
        assertEquals(List.of(text("m1", DeliveryStatus.DELIVERED, t)), records.messages(DANA));

        // the same provider id from another provider is another message
        TextMessage other = new TextMessage("other", "m1", Direction.INBOUND, "+12065550123", "+12065550100",
                "hi", t.minusSeconds(60), null, DeliveryStatus.RECEIVED);
        records.attach(DANA, other);
        assertEquals(List.of(other, text("m1", DeliveryStatus.DELIVERED, t)), records.messages(DANA));
        assertTrue("texts stay on their record", records.messages(GUS).isEmpty());
        assertFalse(records.attach(RecordRef.parse("employee:9999"), text("m3", DeliveryStatus.SENT, t)));
        assertTrue(records.messages(RecordRef.parse("employee:9999")).isEmpty());
    }

    @Test
    public void messagesComeOldestFirstAndStayOnTheirRecord() {
        RecordRef ten = admin.addRecord(RecordRef.parse("employee:10010"), "Prefix Check", "+12065550130").ref();
        Instant t = Instant.parse("2025-01-01T10:00:00Z");
        records.attach(DANA, text("late", DeliveryStatus.SENT, t.plusSeconds(30)));
        records.attach(DANA, text("early", DeliveryStatus.SENT, t));
        records.attach(ten, text("elsewhere", DeliveryStatus.SENT, t));
        assertEquals(List.of("early", "late"),
                records.messages(DANA).stream().map(TextMessage::providerMessageId).collect(Collectors.toList()));
        assertEquals(1, records.messages(ten).size());
    }

    @Test
    public void restartKeepsEverything() {
        Instant t = Instant.parse("2025-01-01T10:00:00.123456Z");
        admin.addGroup("Interns");
        admin.grant("Interns", CAN_TEXT);
        admin.addUser("ivan", "Ivan Intern", false, "Interns");
        admin.assignGroup("bob", "Recruiters");
        admin.addRecord(GUS, "Gus Employer", "+12065550126");
        records.attach(DANA, text("m1", DeliveryStatus.DELIVERED, t));

        restart();

        assertEquals(Optional.of(new HostUser("ivan", "Ivan Intern", false)), users.user("ivan"));
        assertEquals(Optional.of("Recruiters"), admin.groupOf("bob"));
        assertTrue(groups.hasPermission("ivan", CAN_TEXT));
        assertEquals(4, admin.groups().size());
        assertEquals(4, admin.recordCount());
        assertEquals(Set.of(DANA), refs(records.findByPhone("+12065550123")));
        assertEquals(Set.of(GUS), refs(records.findByPhone("+12065550126")));
        assertEquals(List.of(text("m1", DeliveryStatus.DELIVERED, t)), records.messages(DANA));
    }

    @Test
    public void invalidPhoneNumbersAreRefusedAndChangeNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> admin.addRecord(DANA, "Dana Candidate", "12345"));
        assertTrue(e.getMessage(), e.getMessage().contains("12345"));
        assertThrows(IllegalArgumentException.class, () -> admin.addRecord(ELI, "Eli", "call me maybe"));
        assertEquals(Optional.of(new HostRecord(DANA, "Dana Candidate", "+12065550123")), records.record(DANA));
        assertEquals(4, admin.recordCount());
    }

    @Test
    public void numbersAreNormalisedToE164() {
        assertEquals("+12065550140", admin.addRecord(RecordRef.parse("contact:3"), "US", "(206) 555-0140").phoneNumber());
        assertEquals("+442079460958", admin.addRecord(RecordRef.parse("contact:4"), "UK", "+44 20 7946 0958").phoneNumber());
        assertEquals("+12065550141", admin.addRecord(RecordRef.parse("contact:5"), "Plus kept", "+1 206 555 0141").phoneNumber());
    }

    @Test
    public void aFailedWriteIsRolledBack() {
        assertThrows(IllegalStateException.class, () -> store.write(() -> {
            admin.addGroup("Half");
            throw new IllegalStateException("boom");
        }));
        assertFalse(admin.groups().containsKey("Half"));
        restart();
        assertFalse(admin.groups().containsKey("Half"));
    }
}
