package org.atstexting.texting;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Answers what a host user may do with texting, from the host's security groups.
 */
@ProviderType
public interface TextingPermissions {

    /** The key of "Can Text" in the host's security groups. */
    String CAN_TEXT = "texting.canText";
    /** The label of "Can Text" as shown in the host's security groups. */
    String CAN_TEXT_LABEL = "Can Text";
    /** The description of "Can Text", as the vendor's set-up guide words it. */
    String CAN_TEXT_DESCRIPTION = "Allows a user to setup texting credentials, create, and send text messages.";
    /** The category (security type) "Can Text" is listed under. */
    String CATEGORY = "Permission";

    /** The key of the message-action type that lets a user see texts on employee and contact records. */
    String VIEW_MESSAGES = "texting.viewMessages";
    /** The label of {@link #VIEW_MESSAGES} as shown in the host's security groups. */
    String VIEW_MESSAGES_LABEL = "View Text Messages";
    /** The description of {@link #VIEW_MESSAGES}. */
    String VIEW_MESSAGES_DESCRIPTION = "Allows a user to see the texting messages on employee and contact records.";
    /** The security type {@link #VIEW_MESSAGES} is listed under. */
    String MESSAGE_ACTIONS_CATEGORY = "Message Actions";

    /** Whether the user may set up credentials, create and send texts. */
    boolean canText(String userId);

    /** Whether the user may see the texts on employee and contact records. */
    boolean canViewMessages(String userId);

    /** Whether the user is a host administrator (system credentials, unmatched messages). */
    boolean isAdmin(String userId);
}
