package org.atstexting.texting.permissions.internal;

import java.util.List;

import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.PermissionDefinition;

/** The security types texting adds to the host's security groups. */
final class TextingPermissionDefinitions {

    static final PermissionDefinition CAN_TEXT = new PermissionDefinition(
            TextingPermissions.CAN_TEXT,
            TextingPermissions.CATEGORY,
            TextingPermissions.CAN_TEXT_LABEL,
            TextingPermissions.CAN_TEXT_DESCRIPTION);

    static final PermissionDefinition VIEW_MESSAGES = new PermissionDefinition(
            TextingPermissions.VIEW_MESSAGES,
            TextingPermissions.MESSAGE_ACTIONS_CATEGORY,
            TextingPermissions.VIEW_MESSAGES_LABEL,
            TextingPermissions.VIEW_MESSAGES_DESCRIPTION);

    static final List<PermissionDefinition> ALL = List.of(CAN_TEXT, VIEW_MESSAGES);

    private TextingPermissionDefinitions() {
    }
}
