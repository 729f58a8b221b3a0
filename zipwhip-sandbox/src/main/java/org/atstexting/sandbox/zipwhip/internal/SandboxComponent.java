package org.atstexting.sandbox.zipwhip.internal;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The sandbox as an OSGi service. Also registered as {@link SandboxEngine} (a private type of
 * this bundle) so the whiteboard servlet can hand it HTTP requests. A configuration change
 * re-creates the component, and with it all sandbox state.
 */
@Component(
        configurationPid = SandboxComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = { ZipwhipSandbox.class, SandboxEngine.class })
@Designate(ocd = SandboxConfig.class)
public class SandboxComponent extends SandboxEngine {

    static final String PID = "org.atstexting.zipwhip.sandbox";

    @Activate
    public SandboxComponent(SandboxConfig config) {
        for (String entry : config.accounts()) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("accounts entries must be 'username:password'");
            }
            addAccount(entry.substring(0, colon).trim(), entry.substring(colon + 1));
        }
    }

    @Deactivate
    void stop() {
        shutdown();
    }
}
