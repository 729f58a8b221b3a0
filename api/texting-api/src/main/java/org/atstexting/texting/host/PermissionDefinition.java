package org.atstexting.texting.host;

import java.util.Objects;

/**
 * A permission a plugin registers with the host's security groups.
 *
 * @param key         stable key, e.g. {@code texting.canText}
 * @param category    the category the host lists it under, e.g. {@code Permission}
 * @param label       what admins see, e.g. {@code Can Text}
 * @param description one sentence on what it allows
 */
public record PermissionDefinition(String key, String category, String label, String description) {

    public PermissionDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
    }
}
