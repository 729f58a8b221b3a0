package org.atstexting.sandbox.zipwhip.internal;

import java.util.Map;

import org.atstexting.fake.support.DemoConfiguration;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Demo glue: points the Zipwhip provider (PID {@code org.atstexting.zipwhip}) at this sandbox —
 * {@code apiBaseUrl=http://127.0.0.1:<port>/zipwhip-sandbox/} and
 * {@code callbackBaseUrl=http://127.0.0.1:<port>}, so the sandbox's webhook events reach the
 * provider's webhook servlet on the same HTTP service — when the framework property
 * {@code atstexting.sandbox.configureProvider=true} is set (the demo's; Zipwhip no longer runs).
 * The URLs follow the demo's port at every start; see {@link DemoConfiguration}.
 */
@Component(service = {}, immediate = true)
public class DemoProviderConfigurer {

    static final String PROVIDER_PID = "org.atstexting.zipwhip";

    @Activate
    public DemoProviderConfigurer(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference ZipwhipSandbox sandbox) {
        DemoConfiguration.apply(context, configAdmin, PROVIDER_PID,
                Map.of("apiBaseUrl", sandbox.basePath(), "callbackBaseUrl", ""), Map.of());
    }
}
