package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.HostSecurityGroups;
import org.atstexting.texting.host.PermissionDefinition;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PermissionsIT extends TextingTestSupport {

    @Test
    public void canTextIsListedInTheHostsSecurityGroups() {
        HostSecurityGroups groups = service(HostSecurityGroups.class);
        await("Can Text to be registered", () -> groups.permissions().stream()
                .anyMatch(p -> p.key().equals(TextingPermissions.CAN_TEXT)));

        PermissionDefinition canText = groups.permissions().stream()
                .filter(p -> p.key().equals(TextingPermissions.CAN_TEXT)).findFirst().orElseThrow();
        assertEquals("Can Text", canText.label());
        assertEquals("Permission", canText.category());
        assertEquals("Allows a user to setup texting credentials, create, and send text messages.",
                canText.description());
    }

    @Test
    public void aUserHoldsCanTextThroughTheirOneGroup() {
        TextingPermissions permissions = service(TextingPermissions.class);
        ReferenceHostAdmin host = service(ReferenceHostAdmin.class);
        host.addUser("carol", "Carol Coordinator", false, "Staff");
        assertFalse(permissions.canText("carol"));

        host.assignGroup("carol", "Recruiters");
        assertTrue(permissions.canText("carol"));

        host.assignGroup("carol", "Staff");
        assertFalse("moving to a group without it takes the permission away", permissions.canText("carol"));
        assertFalse("unknown users hold nothing", permissions.canText("nobody"));
    }
}
