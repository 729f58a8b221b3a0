package org.atstexting.fake.textus.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Hashtable;

import org.atstexting.fake.textus.StandaloneTextusFake;
import org.atstexting.fake.textus.TextusFakeEngine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Demo glue: with the framework property {@code atstexting.sandbox.configureProvider=true} (the
 * demo's), creates the TextUs provider's configuration (PID {@code org.atstexting.textus}) with
 * {@code enabled=true}, {@code apiBaseUrl=http://127.0.0.1:<port>/textus-fake/}, the demo
 * account slug and {@code callbackBaseUrl=http://127.0.0.1:<port>}, the port being the HTTP
 * service's ({@code org.osgi.service.http.port}, else 8080). It never overwrites an existing
 * configuration; a real host leaves the property unset.
 */
@Component(service = {}, immediate = true)
public class DemoProviderConfigurer {

    static final String ENABLE_PROPERTY = "atstexting.sandbox.configureProvider";
    static final String PROVIDER_PID = "org.atstexting.textus";

    @Activate
    public DemoProviderConfigurer(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference TextusFakeEngine fake) {
        if (!Boolean.parseBoolean(context.getProperty(ENABLE_PROPERTY))) {
            return;
        }
        try {
            Configuration[] existing = configAdmin.listConfigurations("(service.pid=" + PROVIDER_PID + ")");
            if (existing != null && existing.length > 0) {
                return;
            }
            String root = "http://127.0.0.1:" + port(context.getProperty("org.osgi.service.http.port"));
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("enabled", Boolean.TRUE);
            props.put("apiBaseUrl", root + StandaloneTextusFake.BASE_PATH);
            props.put("accountSlug", "acme-staffing");
            props.put("callbackBaseUrl", root);
            configAdmin.getConfiguration(PROVIDER_PID, "?").update(props);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not configure " + PROVIDER_PID + " for the fake", e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static int port(String value) {
        try {
            int p = value == null ? 8080 : Integer.parseInt(value.trim());
            return p > 0 ? p : 8080;
        } catch (NumberFormatException e) {
            return 8080;
        }
    }
}
