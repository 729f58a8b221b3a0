package org.atstexting.host.reference.internal;

import java.util.Optional;

import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The reference host's users. */
@Component(service = HostUsers.class)
public final class ReferenceUsers implements HostUsers {

    private final HostStore store;

    @Activate
    public ReferenceUsers(@Reference HostStore store) {
        this.store = store;
    }

    @Override
    public Optional<HostUser> user(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return store.read(c -> UserRows.get(c, userId)).map(StoredUser::toHostUser);
    }
}
