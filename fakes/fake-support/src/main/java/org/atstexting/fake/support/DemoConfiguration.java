package org.atstexting.fake.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Demo glue shared by the fakes: with the framework property {@value #ENABLE_PROPERTY}{@code =true}
 * (the demo's), points a provider at its fake on the demo's own HTTP port. The first time it
 * creates the provider's configuration ({@code enabled=true}, the loopback URLs, the extra
 * settings); at every later start it moves the loopback URLs it wrote
 * ({@code http://127.0.0.1:<any port><suffix>}) to the current port, because the demo's port can
 * change between runs, and leaves anything else (an admin's own URL, other settings) as it is. A
 * real host leaves the property unset.
 */
public final class DemoConfiguration {

    public static final String ENABLE_PROPERTY = "atstexting.sandbox.configureProvider";
    public static final String HTTP_PORT_PROPERTY = "org.osgi.service.http.port";
    /**
     * The demo's second node: {@code -Datstexting.fakes.url=http://127.0.0.1:8080} points this
     * node's providers at the fakes of the node on that port (and their webhooks back to it, as a
     * balancer would), so two demo nodes text through one Zipwhip, one Twilio, one TextUs.
     */
    public static final String FAKES_URL_PROPERTY = "atstexting.fakes.url";
    public static final int DEFAULT_HTTP_PORT = 8080;
    private static final String LOOPBACK = "http://127.0.0.1:";

    private DemoConfiguration() {
    }

    /**
     * @param urls  the provider's URL attributes and the path each has after {@code http://127.0.0.1:<port>},
     *              e.g. {@code apiBaseUrl -> /textus-fake/}, {@code callbackBaseUrl -> ""}
     * @param extra settings written only when the configuration is created (e.g. an account slug)
     */
    public static void apply(BundleContext context, ConfigurationAdmin configAdmin, String providerPid,
            Map<String, String> urls, Map<String, Object> extra) {
        if (!Boolean.parseBoolean(context.getProperty(ENABLE_PROPERTY))) {
            return;
        }
        String local = fakesUrl(context.getProperty(FAKES_URL_PROPERTY), port(context.getProperty(HTTP_PORT_PROPERTY)));
        try {
            Configuration[] existing = configAdmin.listConfigurations("(service.pid=" + providerPid + ")");
            if (existing != null && existing.length > 0) {
                Dictionary<String, Object> moved = followPort(existing[0].getProperties(), local, urls);
                if (moved != null) {
                    existing[0].update(moved);
                }
                return;
            }
            Hashtable<String, Object> props = new Hashtable<>(extra);
            props.put("enabled", Boolean.TRUE);
            urls.forEach((key, suffix) -> props.put(key, local + suffix));
            // "?": any bundle (the provider) may bind this configuration
            configAdmin.getConfiguration(providerPid, "?").update(props);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not configure " + providerPid + " for its fake", e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The configuration with its loopback URLs on {@code local} (e.g. {@code http://127.0.0.1:8181}),
     * or {@code null} when nothing needs to change: URLs that are not a demo's loopback ones stay.
     */
    public static Dictionary<String, Object> followPort(Dictionary<String, Object> current, String local,
            Map<String, String> urls) {
        if (current == null) {
            return null;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        for (Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            props.put(key, current.get(key));
        }
        boolean changed = false;
        for (Map.Entry<String, String> url : urls.entrySet()) {
            changed |= move(props, url.getKey(), local + url.getValue(), url.getValue());
        }
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

    /**
     * Where the fakes are: another demo node's {@code http://127.0.0.1:<port>} when
     * {@value #FAKES_URL_PROPERTY} names one, else this node's own loopback address.
     */
    public static String fakesUrl(String property, int ownPort) {
        if (property != null && !property.isBlank()) {
            String url = property.strip().replaceAll("/+$", "");
            if (isLoopbackPortUrl(url, "")) {
                return url;
            }
            throw new IllegalArgumentException(FAKES_URL_PROPERTY + " must be http://127.0.0.1:<port> of another "
                    + "demo node, not " + url);
        }
        return LOOPBACK + ownPort;
    }

    /** The HTTP port the demo serves on: the property's value, else {@value #DEFAULT_HTTP_PORT}. */
    public static int port(String value) {
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
