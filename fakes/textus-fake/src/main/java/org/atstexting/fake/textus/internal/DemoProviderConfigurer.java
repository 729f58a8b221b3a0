package org.atstexting.fake.textus.internal;

import java.util.Map;

import org.atstexting.fake.support.DemoConfiguration;
import org.atstexting.fake.textus.StandaloneTextusFake;
import org.atstexting.fake.textus.TextusFakeEngine;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Demo glue: with the framework property {@code atstexting.sandbox.configureProvider=true} (the
 * demo's), points the TextUs provider (PID {@code org.atstexting.textus}) at this fake:
 * {@code apiBaseUrl=http://127.0.0.1:<port>/textus-fake/}, the demo account slug and
 * {@code callbackBaseUrl=http://127.0.0.1:<port>}; the URLs follow the demo's port at every start
 * (see {@link DemoConfiguration}). A real host leaves the property unset.
 */
@Component(service = {}, immediate = true)
public class DemoProviderConfigurer {

    static final String PROVIDER_PID = "org.atstexting.textus";

    @Activate
    public DemoProviderConfigurer(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference TextusFakeEngine fake) {
        DemoConfiguration.apply(context, configAdmin, PROVIDER_PID,
                Map.of("apiBaseUrl", StandaloneTextusFake.BASE_PATH, "callbackBaseUrl", ""),
                Map.of("accountSlug", "acme-staffing"));
    }
}
