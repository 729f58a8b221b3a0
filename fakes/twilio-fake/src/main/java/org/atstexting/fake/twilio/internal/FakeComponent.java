package org.atstexting.fake.twilio.internal;

import org.atstexting.fake.twilio.TwilioFake;
import org.atstexting.fake.twilio.TwilioFakeEngine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** The fake as an OSGi service; a configuration change re-creates it, and with it all its state. */
@Component(configurationPid = FakeComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = { TwilioFake.class, TwilioFakeEngine.class })
@Designate(ocd = FakeConfig.class)
public class FakeComponent extends TwilioFakeEngine {

    static final String PID = "org.atstexting.twilio.fake";

    @Activate
    public FakeComponent(FakeConfig config) {
        for (String entry : config.accounts()) {
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("accounts entries must be 'AccountSid:AuthToken'");
            }
            addAccount(entry.substring(0, colon).trim(), entry.substring(colon + 1));
        }
    }

    @Deactivate
    void deactivate() {
        shutdown();
    }
}
