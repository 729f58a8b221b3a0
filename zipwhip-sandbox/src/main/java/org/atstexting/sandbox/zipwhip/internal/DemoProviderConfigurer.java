package org.atstexting.sandbox.zipwhip.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Enumeration;
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
 * provider's webhook servlet on the same HTTP service.
 * <p>
 * The demo's port can change between runs ({@code ./run-demo -Dorg.osgi.service.http.port=...}),
 * so at every start the loopback URLs this wrote are moved to the current port; anything else
 * in the configuration (an admin's own URL, other settings) is left as it is. A real host
 * configures the provider itself and leaves the property unset.
 */
@Component(service = {}, immediate = true)
public class DemoProviderConfigurer {

    static final String ENABLE_PROPERTY = "atstexting.sandbox.configureProvider";
    static final String PROVIDER_PID = "org.atstexting.zipwhip";
    static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    static final int DEFAULT_HTTP_PORT = 8080;
    private static final String LOOPBACK = "http://127.0.0.1:";

    @Activate
    public DemoProviderConfigurer(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference ZipwhipSandbox sandbox) {
        if (!Boolean.parseBoolean(context.getProperty(ENABLE_PROPERTY))) {
            return;
        }
        try {
            String local = LOOPBACK + port(context.getProperty(HTTP_PORT_PROPERTY));
            Configuration[] existing = configAdmin.listConfigurations("(service.pid=" + PROVIDER_PID + ")");
            if (existing != null && existing.length > 0) {
                Dictionary<String, Object> moved = followPort(existing[0].getProperties(), local, sandbox.basePath());
                if (moved != null) {
                    existing[0].update(moved);
                }
                return;
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("enabled", Boolean.TRUE);
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

    /**
     * The configuration with its sandbox URLs on {@code local} (e.g. {@code http://127.0.0.1:8181}),
     * or null when nothing needs to change: URLs that are not this demo's loopback ones stay.
     */
    static Dictionary<String, Object> followPort(Dictionary<String, Object> current, String local, String basePath) {
        if (current == null) {
            return null;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        for (Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            props.put(key, current.get(key));
        }
        boolean changed = move(props, "apiBaseUrl", local + basePath, basePath);
        changed |= move(props, "callbackBaseUrl", local, "");
        return changed ? props : null;
    }

    private static boolean move(Hashtable<String, Object> props, String key, String wanted, String suffix) {
        Object value = props.get(key);
        if (!(value instanceof String url) || url.equals(wanted) || !isLoopbackPortUrl(url, suffix)) {
            return false;
        }
        props.put(key, wanted);
        return true;
    }

    /** {@code http://127.0.0.1:<digits><suffix>}: what this class writes, with any port. */
    private static boolean isLoopbackPortUrl(String url, String suffix) {
        if (!url.startsWith(LOOPBACK) || !url.endsWith(suffix)) {
            return false;
        }
        String port = url.substring(LOOPBACK.length(), url.length() - suffix.length());
        return !port.isEmpty() && port.chars().allMatch(Character::isDigit);
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
