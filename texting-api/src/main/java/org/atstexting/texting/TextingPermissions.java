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
    /** The category both texting permissions are listed under. */
    String CATEGORY = "Permission";

    /** Whether the user may set up credentials, create and send texts. */
    boolean canText(String userId);

    /** Whether the user is a host administrator (system credentials, unmatched messages). */
    boolean isAdmin(String userId);
}
