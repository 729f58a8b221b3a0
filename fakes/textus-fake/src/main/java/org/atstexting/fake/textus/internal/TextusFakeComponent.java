package org.atstexting.fake.textus.internal;

import org.atstexting.fake.textus.TextusFakeEngine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/** The fake as an OSGi service; a configuration change re-creates it, and with it all its state. */
@Component(configurationPid = TextusFakeComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = TextusFakeEngine.class)
@Designate(ocd = TextusFakeConfig.class)
public class TextusFakeComponent extends TextusFakeEngine {

    static final String PID = "org.atstexting.textus.fake";

    @Activate
    public TextusFakeComponent(TextusFakeConfig config) {
        for (String entry : config.accounts()) {
            String[] parts = entry.split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("accounts entries must be 'slug:+E164'");
            }
            addAccount(parts[0].trim(), parts[1].trim());
        }
        for (String entry : config.users()) {
            String[] parts = entry.split(":", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("users entries must be 'account:userId:token'");
            }
            addUser(parts[0].trim(), parts[1].trim(), parts[2]);
        }
        setRateLimit(config.rateLimit());
    }
}
