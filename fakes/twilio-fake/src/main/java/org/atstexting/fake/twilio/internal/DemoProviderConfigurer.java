package org.atstexting.fake.twilio.internal;

import java.util.Map;

import org.atstexting.fake.support.DemoConfiguration;
import org.atstexting.fake.twilio.TwilioFake;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Demo glue, shared with the other fakes ({@link DemoConfiguration}): with the framework property
 * {@code atstexting.sandbox.configureProvider=true} (the demo's) the Twilio provider (PID
 * {@code org.atstexting.twilio}) is pointed at this fake on the demo's port —
 * {@code apiBaseUrl=http://127.0.0.1:<port>/twilio-fake/}, {@code callbackBaseUrl=http://127.0.0.1:<port>},
 * moved to the current port at every start — or at another demo node's fake when
 * {@code atstexting.fakes.url} names that node. The fake sends the demo numbers' replies to
 * {@code <that>/twilio/inbound} and moves every text on by itself (sent, delivered; numbers ending
 * 0006 or 0007 undelivered) with signed status callbacks. A real host leaves the property unset.
 */
@Component(service = {}, immediate = true)
public class DemoProviderConfigurer {

    static final String PROVIDER_PID = "org.atstexting.twilio";
    /** The demo accounts' numbers (FakeConfig's accounts, the reference host's seed). */
    static final String[] DEMO_NUMBERS = { "+12065550100", "+12065550101", "+12065550102" };

    @Activate
    public DemoProviderConfigurer(BundleContext context, @Reference ConfigurationAdmin configAdmin,
            @Reference TwilioFake fake) {
        if (!Boolean.parseBoolean(context.getProperty(DemoConfiguration.ENABLE_PROPERTY))) {
            return;
        }
        String fakes = DemoConfiguration.fakesUrl(context.getProperty(DemoConfiguration.FAKES_URL_PROPERTY),
                DemoConfiguration.port(context.getProperty(DemoConfiguration.HTTP_PORT_PROPERTY)));
        fake.setAutoAdvance(true);
        for (String number : DEMO_NUMBERS) {
            fake.setIncomingUrl(number, fakes + "/twilio/inbound");
        }
        DemoConfiguration.apply(context, configAdmin, PROVIDER_PID,
                Map.of("apiBaseUrl", TwilioFake.BASE_PATH, "callbackBaseUrl", ""), Map.of());
    }
}
