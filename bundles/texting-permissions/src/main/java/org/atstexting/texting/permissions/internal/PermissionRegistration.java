package org.atstexting.texting.permissions.internal;

import java.util.logging.Logger;

import org.atstexting.texting.host.HostSecurityGroups;
import org.atstexting.texting.host.PermissionDefinition;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Registers texting's permissions with every host security-groups service as it appears,
 * so a host that starts after us (or restarts its security service) still lists them.
 */
@Component(immediate = true)
public final class PermissionRegistration {

    private static final Logger LOG = Logger.getLogger(PermissionRegistration.class.getName());

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindSecurityGroups(HostSecurityGroups groups) {
        for (PermissionDefinition definition : TextingPermissionDefinitions.ALL) {
            groups.registerPermission(definition);
            LOG.info(() -> "Registered permission '" + definition.label() + "' with the host's security groups");
        }
    }

    void unbindSecurityGroups(HostSecurityGroups groups) {
        // the host keeps the definitions it was given; nothing to undo
    }
}
