package org.atstexting.texting.host;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/** The host's users. */
@ConsumerType
public interface HostUsers {

    /** The user with that id, or empty if the host does not know it. */
    Optional<HostUser> user(String userId);
}
