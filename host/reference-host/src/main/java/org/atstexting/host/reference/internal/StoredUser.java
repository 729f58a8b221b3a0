package org.atstexting.host.reference.internal;

import org.atstexting.texting.host.HostUser;

/** A user as stored: the host user plus the one group the user is in. */
record StoredUser(String id, String displayName, boolean admin, String group) {

    HostUser toHostUser() {
        return new HostUser(id, displayName, admin);
    }

    StoredUser inGroup(String newGroup) {
        return new StoredUser(id, displayName, admin, newGroup);
    }
}
