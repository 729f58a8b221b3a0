package org.atstexting.fake.twilio.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;

import org.atstexting.fake.twilio.TwilioFake;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Demo glue: with the framework property {@code atstexting.sandbox.configureProvider=true} (the
 * demo's), creates the Twilio provider's configuration (PID {@code org.atstexting.twilio}) with
 * {@code enabled=true} and {@code apiBaseUrl=http://127.0.0.1:<port>/twilio-fake/}. The demo's
 * port can change between runs, so at every start a loopback fake URL (any port) is moved to
 * the current port; any other URL or setting is left as it is. The webhooks go to the demo's own
 * port too: the provider's {@code callbackBaseUrl} is {@code http://127.0.0.1:<port>}, the demo
 * numbers' incoming URL {@code <that>/twilio/inbound}, and the fake moves every text on by itself
 * (sent, delivered; numbers ending 0006 or 0007 undelivered) with signed status callbacks. A real
 * host leaves the property unset.
 */
@Component(service = {}, immediate = true)
public class DemoProviderConfigurer {

    static final String ENABLE_PROPERTY = "atstexting.sandbox.configureProvider";
    static final String PROVIDER_PID = "org.atstexting.twilio";
    private static final String LOOPBACK = "http://127.0.0.1:";
    /** The demo accounts' numbers (FakeConfig's accounts, the reference host's seed). */
    static final String[] DEMO_NUMBERS = { "+12065550100", "+12065550101", "+12065550102" };

    @Activate
    public DemoProviderConfigurer(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference TwilioFake fake) {
        if (!Boolean.parseBoolean(context.getProperty(ENABLE_PROPERTY))) {
            return;
        }
        String callbackBase = LOOPBACK + port(context.getProperty("org.osgi.service.http.port"));
        fake.setAutoAdvance(true);
        for (String number : DEMO_NUMBERS) {
            fake.setIncomingUrl(number, callbackBase + "/twilio/inbound");
        }
        try {
            String url = callbackBase + TwilioFake.BASE_PATH;
            Configuration[] existing = configAdmin.listConfigurations("(service.pid=" + PROVIDER_PID + ")");
            if (existing != null && existing.length > 0) {
                Dictionary<String, Object> moved = followPort(existing[0].getProperties(), url);
                if (moved != null) {
                    existing[0].update(moved);
                }
                return;
            }
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("enabled", Boolean.TRUE);
            props.put("apiBaseUrl", url);
            props.put("callbackBaseUrl", callbackBase);
            configAdmin.getConfiguration(PROVIDER_PID, "?").update(props);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not configure " + PROVIDER_PID + " for the fake", e);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The configuration with a loopback fake URL moved to {@code wanted}, or null when nothing changes. */
    static Dictionary<String, Object> followPort(Dictionary<String, Object> current, String wanted) {
        Object value = current == null ? null : current.get("apiBaseUrl");
        boolean hasCallback = current != null && current.get("callbackBaseUrl") != null;
        if (!(value instanceof String url) || url.equals(wanted) && hasCallback || !url.startsWith(LOOPBACK)
                || !url.endsWith(TwilioFake.BASE_PATH)) {
            return null;
        }
        String port = url.substring(LOOPBACK.length(), url.length() - TwilioFake.BASE_PATH.length());
        if (port.isEmpty() || !port.chars().allMatch(Character::isDigit)) {
            return null;
        }
        Hashtable<String, Object> props = new Hashtable<>();
        for (Enumeration<String> keys = current.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            props.put(key, current.get(key));
        }
        props.put("apiBaseUrl", wanted);
        Object callback = current.get("callbackBaseUrl");
        String wantedBase = wanted.substring(0, wanted.length() - TwilioFake.BASE_PATH.length());
        if (callback == null || callback instanceof String c && c.startsWith(LOOPBACK)) {
            props.put("callbackBaseUrl", wantedBase); // the demo's own webhooks follow the port too
        }
        return props;
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
