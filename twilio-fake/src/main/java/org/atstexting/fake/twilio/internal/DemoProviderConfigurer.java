package org.atstexting.fake.twilio.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * {@code enabled=true} and {@code apiBaseUrl=http://127.0.0.1:<port>/twilio-fake/}. It never
 * overwrites an existing configuration; a real host leaves the property unset.
 */
@Component(service = {}, immediate = true)
public class DemoProviderConfigurer {

    static final String ENABLE_PROPERTY = "atstexting.sandbox.configureProvider";
    static final String PROVIDER_PID = "org.atstexting.twilio";

    @Activate
    public DemoProviderConfigurer(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference TwilioFake fake) {
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
            props.put("apiBaseUrl", "http://127.0.0.1:" + port(context.getProperty("org.osgi.service.http.port"))
                    + TwilioFake.BASE_PATH);
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
