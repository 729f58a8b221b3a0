package org.atstexting.texting.permissions.internal;

import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.HostSecurityGroups;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Answers permission checks from the host's security groups and users. It is only
 * available while both host services are, so a missing host means "no service", never
 * "permitted".
 */
@Component(service = TextingPermissions.class)
public final class HostTextingPermissions implements TextingPermissions {

    private final HostSecurityGroups groups;
    private final HostUsers users;

    @Activate
    public HostTextingPermissions(@Reference HostSecurityGroups groups, @Reference HostUsers users) {
        this.groups = groups;
        this.users = users;
    }

    @Override
    public boolean canText(String userId) {
        return userId != null && groups.hasPermission(userId, CAN_TEXT);
    }

    @Override
    public boolean canViewMessages(String userId) {
        return userId != null && groups.hasPermission(userId, VIEW_MESSAGES);
    }

    @Override
    public boolean isAdmin(String userId) {
        return userId != null && users.user(userId).map(HostUser::admin).orElse(false);
    }
}
