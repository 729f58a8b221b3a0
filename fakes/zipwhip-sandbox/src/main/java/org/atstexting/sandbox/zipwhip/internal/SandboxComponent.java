package org.atstexting.sandbox.zipwhip.internal;

import java.util.Set;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The sandbox as an OSGi service. Also registered as {@link SandboxEngine} (a private type of
 * this bundle) so the whiteboard servlet can hand it HTTP requests. Configuration changes apply
 * live ({@link Modified}) and keep the sandbox's messages, sessions and webhooks.
 */
@Component(
        configurationPid = SandboxComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = { ZipwhipSandbox.class, SandboxEngine.class })
@Designate(ocd = SandboxConfig.class)
public class SandboxComponent extends SandboxEngine {

    static final String PID = "org.atstexting.zipwhip.sandbox";

    @Activate
    public SandboxComponent(SandboxConfig config) {
        configure(config);
    }

    @Modified
    void modified(SandboxConfig config) {
        configure(config);
    }

    @Deactivate
    void stop() {
        shutdown();
    }

    private void configure(SandboxConfig config) {
        DateStyle style;
        try {
            style = DateStyle.valueOf(config.dateStyle().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dateStyle must be ISO_8601 or ZIPWHIP_CLIENT_PATTERN, not '"
                    + Sanitize.text(config.dateStyle(), 40) + "'", e);
        }
        for (String entry : config.accounts()) {
            int colon = entry.indexOf(':');
            if (colon < 0 || !entry.substring(0, colon).trim().matches("[0-9]{10}") || colon == entry.length() - 1) {
                throw new IllegalArgumentException("accounts entries must be 'username:password', the username being "
                        + "the account's 10-digit phone number and the password not empty");
            }
        }
        Set<String> refused = new java.util.HashSet<>();
        for (String event : config.refusedWebhookEvents() == null ? new String[0] : config.refusedWebhookEvents()) {
            if (!event.isBlank()) {
                refused.add(event.trim());
            }
        }
        // checked first, applied after: a refused configuration changes nothing
        setPasswordChangeEndsSessions(config.passwordChangeEndsSessions());
        for (String entry : config.accounts()) {
            int colon = entry.indexOf(':');
            addAccount(entry.substring(0, colon).trim(), entry.substring(colon + 1));
        }
        setOutboundAddressesEmpty(config.outboundAddressesEmpty());
        setDateStyle(style);
        refuseWebhookEvents(refused);
        setWebhooksSurviveSessions(config.webhooksSurviveSessions());
    }
}
