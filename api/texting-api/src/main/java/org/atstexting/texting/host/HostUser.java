package org.atstexting.texting.host;

import java.util.Objects;

/**
 * A host user.
 *
 * @param id          the host's user id
 * @param displayName name shown to people
 * @param admin       whether the user administers the host
 */
public record HostUser(String id, String displayName, boolean admin) {

    public HostUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
