package org.atstexting.host.reference.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.PermissionDefinition;
import org.junit.After;
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
        store = new SeededHostStore(temp.getRoot().toPath(), true);
        admin = new ReferenceHostAdminImpl(store);
        groups = new ReferenceSecurityGroups(store);
        records = new ReferenceRecords(store);
        commands = new HostCommands(admin, groups, records, store);
    }

    @After
    public void close() {
        store.close();
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
}
