package org.atstexting.host.reference.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.PermissionDefinition;
import org.atstexting.testsupport.postgres.TestDatabases;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class HostCommandsTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private HostStore store;
    private ReferenceHostAdminImpl admin;
    private ReferenceSecurityGroups groups;
    private ReferenceRecords records;
    private HostCommands commands;

    @Before
    public void open() {
        store = new HostStore(TestDatabases.create(TestDatabases.Kind.H2, temp.getRoot().toPath()), true);
        admin = new ReferenceHostAdminImpl(store);
        groups = new ReferenceSecurityGroups(store);
        records = new ReferenceRecords(store);
        commands = new HostCommands(admin, groups, records, store);
    }

    @Test
    public void listsUsersGroupsAndRecords() {
        String users = commands.users();
        assertTrue(users, users.contains("alice") && users.contains("Recruiters") && users.contains("Ada Admin"));
        assertTrue(commands.groups(), commands.groups().contains("Staff: (no permissions)"));
        String all = commands.records();
        assertTrue(all, all.contains("contact:2002") && all.contains("(4 records)"));
        assertTrue(commands.records(2).contains("(2 of 4 records)"));
    }

    @Test
    public void permissionsShowGrantsBeforeAndAfterRegistration() {
        assertTrue(commands.permissions().contains("texting.canText (not registered yet)"));
        groups.registerPermission(new PermissionDefinition(TextingPermissions.CAN_TEXT, "Permission", "Can Text", "d"));
        String out = commands.permissions();
        assertTrue(out, out.contains("Can Text [Permission] texting.canText") && out.contains("Administrators, Recruiters"));
    }

    @Test
    public void changesGoThroughTheAdmin() {
        assertEquals("granted texting.canText to Staff", commands.grant("Staff", "texting.canText"));
        assertTrue(groups.hasPermission("bob", "texting.canText"));
        commands.revoke("Staff", "texting.canText");
        commands.adduser("carol", "Carol Coordinator", false, "Recruiters");
        assertTrue(groups.hasPermission("carol", "texting.canText"));
        commands.assign("carol", "Staff");
        assertEquals("Staff", admin.groupOf("carol").orElseThrow());
        assertTrue(commands.addrecord("employee:1003", "Hal", "206 555 0150").contains("+12065550150"));
        assertEquals("deleted employee:1003", commands.deleterecord("employee:1003"));
        assertEquals("no record employee:1003", commands.deleterecord("employee:1003"));
    }

    @Test
    public void showsTheMessagesOfARecord() {
        assertEquals("no texts on employee:1001", commands.messages("employee:1001"));
        records.attach(RecordRef.parse("employee:1001"), new TextMessage("zipwhip", "m1", Direction.INBOUND,
                "+12065550123", "+12065550100", "on my way", Instant.parse("2025-01-01T10:00:00Z"), "alice",
                DeliveryStatus.RECEIVED));
        String out = commands.messages("employee:1001");
        assertTrue(out, out.contains("on my way") && out.contains("RECEIVED"));
        assertEquals("no record employee:4242", commands.messages("employee:4242"));
    }

    /** The integrator's two-node test needs 10,000 employees with distinct valid US numbers. */
    @Test
    public void addsTenThousandEmployeesWithValidUsNumbers() {
        assertEquals("saved 10000 records", commands.addrecords("employee", 300_000, 10_000, 12_065_550_000L));
        assertEquals(4 + 10_000, admin.recordCount());
        assertEquals(Optional.of(new HostRecord(RecordRef.parse("employee:309999"), "Bulk Candidate 9999",
                "+12065559999", Map.of("firstName", "Candidate9999"))), records.record(RecordRef.parse("employee:309999")));
        assertEquals(1, records.findByPhone("+12065555000").size());
    }

    @Test
    public void addRecordsRefusesBadInputAndSavesNothing() {
        assertThrows(IllegalArgumentException.class, () -> commands.addrecords("applicant", 1, 10, 12065550000L));
        assertThrows(IllegalArgumentException.class, () -> commands.addrecords("employee", 1, 0, 12065550000L));
        assertThrows(IllegalArgumentException.class,
                () -> commands.addrecords("employee", 1, RecordBatches.MAX_COUNT + 1, 12065550000L));
        assertThrows(IllegalArgumentException.class, () -> commands.addrecords("employee", -1, 10, 12065550000L));
        // +1206999999x runs past +12069999999 into +12070000000 (an exchange cannot start with 0): the whole
        // batch is refused, the valid first ten included
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands.addrecords(100, 20, 12_069_999_990L));
        assertTrue(e.getMessage(), e.getMessage().contains("nothing saved"));
        assertEquals(4, admin.recordCount());
    }
}
