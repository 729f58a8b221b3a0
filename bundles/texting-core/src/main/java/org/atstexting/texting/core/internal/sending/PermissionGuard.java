package org.atstexting.texting.core.internal.sending;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;

/** The checks every public entry point makes before it does anything. */
public final class PermissionGuard {

    private final TextingPermissions permissions;

    public PermissionGuard(TextingPermissions permissions) {
        this.permissions = permissions;
    }

    public boolean canText(String userId) {
        return permissions.canText(userId);
    }

    public boolean canViewMessages(String userId) {
        return permissions.canViewMessages(userId);
    }

    boolean isAdmin(String userId) {
        return permissions.isAdmin(userId);
    }

    public void requireCanText(String userId) throws TextingException {
        if (!permissions.canText(userId)) {
            throw new TextingException(Reason.NOT_PERMITTED, "User '" + userId + "' does not have the "
                    + TextingPermissions.CAN_TEXT_LABEL + " permission; an admin grants it through a security group");
        }
    }

    public void requireViewMessages(String userId) throws TextingException {
        if (!permissions.canViewMessages(userId)) {
            throw new TextingException(Reason.NOT_PERMITTED, "User '" + userId + "' may not see text messages: the "
                    + TextingPermissions.VIEW_MESSAGES_LABEL + " message action is not granted to their group");
        }
    }

    public void requireAdmin(String userId) throws TextingException {
        if (!permissions.isAdmin(userId)) {
            throw new TextingException(Reason.NOT_PERMITTED,
                    "Only an administrator may do this (system credentials, templates, opt-outs, unmatched texts); '"
                            + userId + "' is not one");
        }
    }
}
