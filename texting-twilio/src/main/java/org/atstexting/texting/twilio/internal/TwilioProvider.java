package org.atstexting.texting.twilio.internal;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The Twilio provider. Registered whether or not it is configured, so the core can explain a
 * refusal ("Twilio is disabled") instead of finding no provider; a changed configuration
 * takes effect for the next call without re-registering the service.
 *
 * <p>Credentials: username = the Account SID, password = the Auth Token, phone number = the
 * Twilio number texts are sent from (and whose inbound texts are read).
 */
@Component(service = TextingProvider.class, configurationPid = TwilioConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = TextingProvider.PROVIDER_PROPERTY + "=" + TwilioProvider.KEY)
@Designate(ocd = TwilioConfiguration.class)
public final class TwilioProvider implements TextingProvider {

    static final String KEY = "twilio";

    private static final Logger LOG = Logger.getLogger(TwilioProvider.class.getName());

    private final ScheduledExecutorService retirement = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ats-texting twilio client retirement");
        t.setDaemon(true);
        return t;
    });
    private volatile TwilioClient client;

    @Activate
    public TwilioProvider(TwilioConfiguration config) {
        this.client = clientFor(config);
    }

    @Modified
    void modified(TwilioConfiguration config) {
        TwilioClient previous = client;
        client = clientFor(config);
        // calls already under way finish on the client they started with
        if (previous != null) {
            retirement.schedule(() -> closeQuietly(previous),
                    config.connectTimeoutSeconds() + config.responseTimeoutSeconds() + 1L, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        retirement.shutdownNow();
        closeQuietly(client);
    }

    private static TwilioClient clientFor(TwilioConfiguration config) {
        if (!config.enabled()) {
            LOG.info("Twilio provider is disabled");
            return null;
        }
        LOG.info(() -> "Twilio provider is enabled at " + config.apiBaseUrl());
        return new TwilioClient(config);
    }

    private static void closeQuietly(TwilioClient retired) {
        if (retired != null) {
            try {
                retired.close();
            } catch (IOException e) {
                LOG.fine(() -> "Closing a retired Twilio client: " + e);
            }
        }
    }

    private TwilioClient enabledClient() throws ProviderException {
        TwilioClient current = client;
        if (current == null) {
            throw new ProviderException(Kind.DISABLED, "Twilio is disabled");
        }
        return current;
    }

    @Override
    public ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        return enabledClient().send(credentials, text);
    }

    @Override
    public CredentialCheck test(ProviderCredentials credentials) {
        TwilioClient current = client;
        if (current == null) {
            return new CredentialCheck(Outcome.PROVIDER_UNAVAILABLE, "Twilio is disabled");
        }
        return current.test(credentials);
    }

    @Override
    public InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) throws ProviderException {
        return enabledClient().fetchInbound(credentials, cursor);
    }
}
