package org.atstexting.texting.permissions.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.HostSecurityGroups;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;
import org.atstexting.texting.host.PermissionDefinition;
import org.junit.Test;

/**
 * The permission answers come from the host's one-group-per-user model and nothing else:
 * a permission held by the user's group, never by a guess.
 */
public class HostTextingPermissionsTest {

    /** A host with one group per user, as the host contract describes. */
    static class Groups implements HostSecurityGroups {
        final List<PermissionDefinition> registered = new ArrayList<>();
        final Map<String, Set<String>> groupPermissions = new HashMap<>();
        final Map<String, String> groupOfUser = new HashMap<>();

        @Override
        public void registerPermission(PermissionDefinition definition) {
            registered.removeIf(d -> d.key().equals(definition.key()));
            registered.add(definition);
        }

        @Override
        public List<PermissionDefinition> permissions() {
            return List.copyOf(registered);
        }

        @Override
        public boolean hasPermission(String userId, String permissionKey) {
            String group = groupOfUser.get(userId);
            return group != null && groupPermissions.getOrDefault(group, Set.of()).contains(permissionKey);
        }
    }

    private final Groups groups = new Groups();
    private final Map<String, HostUser> userMap = new HashMap<>();
    private final HostUsers users = id -> Optional.ofNullable(userMap.get(id));
    private final HostTextingPermissions permissions = new HostTextingPermissions(groups, users);

    private void user(String id, boolean admin, String group) {
        userMap.put(id, new HostUser(id, id, admin));
        groups.groupOfUser.put(id, group);
    }

    @Test
    public void aUserHoldsWhatHisGroupGrantsAndNothingElse() {
        groups.groupPermissions.put("Recruiters", Set.of(TextingPermissions.CAN_TEXT));
        groups.groupPermissions.put("Readers", Set.of(TextingPermissions.VIEW_MESSAGES));
        user("alice", false, "Recruiters");
        user("rita", false, "Readers");

        assertTrue(permissions.canText("alice"));
        assertFalse("Can Text does not imply the message action", permissions.canViewMessages("alice"));
        assertTrue(permissions.canViewMessages("rita"));
        assertFalse(permissions.canText("rita"));
    }

    @Test
    public void movingAUserToAnotherGroupChangesTheAnswerAtOnce() {
        groups.groupPermissions.put("Recruiters", Set.of(TextingPermissions.CAN_TEXT));
        groups.groupPermissions.put("Staff", Set.of());
        user("bob", false, "Staff");
        assertFalse(permissions.canText("bob"));

        groups.groupOfUser.put("bob", "Recruiters");
        assertTrue("the answer is not cached", permissions.canText("bob"));
    }

    @Test
    public void unknownAndMissingUsersHoldNothing() {
        groups.groupPermissions.put("Recruiters", Set.of(TextingPermissions.CAN_TEXT, TextingPermissions.VIEW_MESSAGES));
        assertFalse(permissions.canText(null));
        assertFalse(permissions.canViewMessages(null));
        assertFalse(permissions.isAdmin(null));
        assertFalse(permissions.canText("nobody"));
        assertFalse(permissions.isAdmin("nobody"));
    }

    @Test
    public void anAnonymousCallerHoldsNothingEvenWhereAHostAnswersYesToAnything() {
        HostSecurityGroups lax = new Groups() {
            @Override
            public boolean hasPermission(String userId, String permissionKey) {
                return true; // a sloppy host that treats a missing user as "everyone"
            }
        };
        HostUsers anyone = id -> Optional.of(new HostUser(String.valueOf(id), "x", true));
        HostTextingPermissions checks = new HostTextingPermissions(lax, anyone);
        assertFalse(checks.canText(null));
        assertFalse(checks.canViewMessages(null));
        assertFalse(checks.isAdmin(null));
    }

    @Test
    public void adminIsWhatTheHostSaysNotAPermission() {
        user("admin", true, "Staff");
        user("alice", false, "Recruiters");
        groups.groupPermissions.put("Recruiters", Set.of(TextingPermissions.CAN_TEXT));

        assertTrue(permissions.isAdmin("admin"));
        assertFalse("being an admin does not grant Can Text", permissions.canText("admin"));
        assertFalse(permissions.isAdmin("alice"));
    }

    @Test
    public void registrationGivesEveryHostBothDefinitionsWithTheGuidesWords() {
        Groups first = new Groups();
        Groups second = new Groups();
        PermissionRegistration registration = new PermissionRegistration();
        registration.bindSecurityGroups(first);
        registration.bindSecurityGroups(second);

        for (Groups host : List.of(first, second)) {
            assertEquals(2, host.permissions().size());
            PermissionDefinition canText = host.permissions().stream()
                    .filter(d -> d.key().equals(TextingPermissions.CAN_TEXT)).findFirst().orElseThrow();
            assertEquals(TextingPermissions.CATEGORY, canText.category());
            assertEquals(TextingPermissions.CAN_TEXT_LABEL, canText.label());
            assertEquals(TextingPermissions.CAN_TEXT_DESCRIPTION, canText.description());
            assertTrue(host.permissions().stream().anyMatch(d -> d.key().equals(TextingPermissions.VIEW_MESSAGES)
                    && d.category().equals(TextingPermissions.MESSAGE_ACTIONS_CATEGORY)));
        }
    }

    @Test
    public void aHostThatRestartsIsGivenTheDefinitionsAgainWithoutDuplicates() {
        PermissionRegistration registration = new PermissionRegistration();
        registration.bindSecurityGroups(groups);
        registration.unbindSecurityGroups(groups);
        registration.bindSecurityGroups(groups);
        assertEquals(2, groups.permissions().size());
    }
}
