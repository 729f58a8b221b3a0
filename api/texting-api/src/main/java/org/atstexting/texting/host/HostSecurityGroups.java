package org.atstexting.texting.host;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The host's security groups. A user is in exactly one group and holds all of that
 * group's permissions.
 */
@ConsumerType
public interface HostSecurityGroups {

    /**
     * Adds a permission to the list admins grant to groups. Registering the same key again
     * replaces its category, label and description and keeps every grant.
     */
    void registerPermission(PermissionDefinition definition);

    /** Every registered permission. */
    List<PermissionDefinition> permissions();

    /** Whether the user's group holds the permission. Unknown users hold nothing. */
    boolean hasPermission(String userId, String permissionKey);
}
