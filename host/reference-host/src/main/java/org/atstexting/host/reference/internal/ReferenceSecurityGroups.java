package org.atstexting.host.reference.internal;

import java.util.List;
import java.util.Objects;

import org.atstexting.texting.host.HostSecurityGroups;
import org.atstexting.texting.host.PermissionDefinition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The reference host's security groups: registered permission definitions, and whether a
 * user's one group grants a permission. Grants themselves are managed through
 * {@link org.atstexting.host.reference.ReferenceHostAdmin}.
 */
@Component(service = HostSecurityGroups.class)
public final class ReferenceSecurityGroups implements HostSecurityGroups {

    private final HostStore store;

    @Activate
    public ReferenceSecurityGroups(@Reference HostStore store) {
        this.store = store;
    }

    @Override
    public void registerPermission(PermissionDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        // Grants live on the groups, keyed by permission key, so replacing a definition keeps them.
        store.write(c -> {
            PermissionRows.put(c, definition);
            return null;
        });
    }

    @Override
    public List<PermissionDefinition> permissions() {
        return List.copyOf(store.read(PermissionRows::all));
    }

    @Override
    public boolean hasPermission(String userId, String permissionKey) {
        if (userId == null || permissionKey == null) {
            return false;
        }
        return store.read(c -> GroupRows.userHas(c, userId, permissionKey));
    }
}
