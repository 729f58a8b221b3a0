package org.atstexting.sandbox.zipwhip.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Hashtable;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Demo glue: points the Zipwhip provider at this sandbox. The demo runs on embedded defaults
 * (the sandbox stands in for Zipwhip, which no longer runs), so with the framework property
 * {@code atstexting.sandbox.configureProvider=true} this creates the provider's configuration
 * (PID {@code org.atstexting.zipwhip}) with {@code enabled=true} and
 * {@code apiBaseUrl=http://127.0.0.1:<org.osgi.service.http.port>/zipwhip-sandbox/} and
 * {@code callbackBaseUrl=http://127.0.0.1:<port>}, so the sandbox's webhook events reach the
 * provider's webhook servlet on the same HTTP service. It never
 * overwrites an existing configuration: a real host configures the provider itself and leaves
 * the property unset.
 */
@Component(service = {}, immediate = true)
public class DemoProviderConfigurer {

    static final String ENABLE_PROPERTY = "atstexting.sandbox.configureProvider";
    static final String PROVIDER_PID = "org.atstexting.zipwhip";
    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    static final int DEFAULT_HTTP_PORT = 8080;

    @Activate
    public DemoProviderConfigurer(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference ZipwhipSandbox sandbox) {
        if (!Boolean.parseBoolean(context.getProperty(ENABLE_PROPERTY))) {
            return;
        }
        try {
            Configuration[] existing = configAdmin.listConfigurations("(service.pid=" + PROVIDER_PID + ")");
            if (existing != null && existing.length > 0) {
                return;
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("enabled", Boolean.TRUE);
            String local = "http://127.0.0.1:" + port(context.getProperty(HTTP_PORT_PROPERTY));
            props.put("apiBaseUrl", local + sandbox.basePath());
            props.put("callbackBaseUrl", local);
            // "?": any bundle (the provider) may bind this configuration
            configAdmin.getConfiguration(PROVIDER_PID, "?").update(props);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not configure " + PROVIDER_PID + " for the sandbox", e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static int port(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_HTTP_PORT;
        }
        try {
            int p = Integer.parseInt(value.trim());
            return p > 0 ? p : DEFAULT_HTTP_PORT;
        } catch (NumberFormatException e) {
            return DEFAULT_HTTP_PORT;
        }
    }
}
