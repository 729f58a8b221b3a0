package org.atstexting.texting.textus.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.OptOutMirror;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.SentTextLookup;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The TextUs provider (TextUs Next). Registered whether or not it is configured, so the core
 * can explain a refusal ("TextUs is disabled"); a changed configuration takes effect for the
 * next call without re-registering the service. It keeps its own opt-out list at TextUs in
 * step with the core's ({@link OptOutMirror}).
 * <p>
 * Credentials: password = the user's TextUs API token (sent as a Bearer token, never logged);
 * username = the TextUs user's id (its slug, e.g. {@code alice_r}: letters, digits, {@code .}
 * and {@code _}, never the login e-mail, which the username rule forbids); phone number = the
 * account's texting number. The account slug is configuration.
 */
@Component(service = TextingProvider.class, configurationPid = TextusConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = TextingProvider.PROVIDER_PROPERTY + "=" + TextusProvider.KEY)
@Designate(ocd = TextusConfiguration.class)
public final class TextusProvider implements TextingProvider, OptOutMirror, SentTextLookup {

    static final String KEY = "textus";

    private static final Logger LOG = Logger.getLogger(TextusProvider.class.getName());

    private final TextusInbound inbound;
    private final ScheduledExecutorService retirement = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ats-texting textus client retirement");
        t.setDaemon(true);
        return t;
    });
    private volatile TextusClient client;

    @Activate
    public TextusProvider(TextusConfiguration config, @Reference TextusInbound inbound) {
        this.inbound = inbound;
        this.client = clientFor(config);
    }

    @Modified
    void modified(TextusConfiguration config) {
        TextusClient previous = client;
        client = clientFor(config);
        // calls already under way finish on the client they started with
        if (previous != null) {
            retirement.schedule(() -> closeQuietly(previous),
                    config.connectTimeoutSeconds() + config.responseTimeoutSeconds() + 1L, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        inbound.configure(new TextusInbound.Settings(false, "", ""));
        retirement.shutdownNow();
        closeQuietly(client);
    }

    private TextusClient clientFor(TextusConfiguration config) {
        inbound.configure(new TextusInbound.Settings(config.enabled(), config.accountSlug().strip(),
                config.webhookSecret()));
        if (!config.enabled()) {
            LOG.info("TextUs provider is disabled");
            return null;
        }
        if (config.accountSlug().isBlank()) {
            LOG.warning("TextUs provider is enabled without an account slug: every call is refused until one is set");
        }
        if (config.callbackBaseUrl().isBlank()) {
            LOG.info("TextUs provider has no callback base URL: no webhook, replies arrive by polling");
        }
        LOG.info(() -> "TextUs provider is enabled at " + config.apiBaseUrl() + " for account " + config.accountSlug());
        return new TextusClient(config, inbound, Clock.systemUTC());
    }

    private static void closeQuietly(TextusClient retired) {
        if (retired != null) {
            try {
                retired.close();
            } catch (IOException e) {
                LOG.fine(() -> "Closing a retired TextUs client: " + e);
            }
        }
    }

    private TextusClient enabledClient() throws ProviderException {
        TextusClient current = client;
        if (current == null) {
            throw new ProviderException(Kind.DISABLED, "TextUs is disabled");
        }
        return current;
    }

    @Override
    public ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        return enabledClient().send(credentials, text);
    }

    @Override
    public CredentialCheck test(ProviderCredentials credentials) {
        TextusClient current = client;
        if (current == null) {
            return new CredentialCheck(Outcome.PROVIDER_UNAVAILABLE, "TextUs is disabled");
        }
        return current.test(credentials);
    }

    @Override
    public InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) throws ProviderException {
        return enabledClient().fetchInbound(credentials, cursor);
    }

    /**
     * Declared: the recipient's conversation, read to its end, holds every text the account sent
     * to it, so "not found" after the settle time means "not sent" (see {@link TextusSender#findSent}).
     */
    @Override
    public Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text, Instant notBefore)
            throws ProviderException {
        return enabledClient().findSent(credentials, text, notBefore);
    }

    @Override
    public void mirrorOptOut(ProviderCredentials credentials, String number, String cause) throws ProviderException {
        enabledClient().mirrorOptOut(credentials, number);
    }

    /** TextUs documents no call that takes a number off its opt-out list: an admin does it in TextUs. */
    @Override
    public void mirrorOptIn(ProviderCredentials credentials, String number, String cause) throws ProviderException {
        throw new ProviderException(Kind.REJECTED, "TextUs documents no API call that removes an opt-out; " + number
                + " opted back in here, remove it from the opt-out list in TextUs too");
    }
}
