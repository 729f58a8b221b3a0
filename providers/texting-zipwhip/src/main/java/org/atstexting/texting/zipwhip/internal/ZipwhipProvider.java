package org.atstexting.texting.zipwhip.internal;

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
 * The Zipwhip provider. It is registered whether or not it is configured, so the core can
 * explain a refusal ("Zipwhip is disabled") instead of finding no provider; a changed
 * configuration takes effect for the next call without re-registering the service.
 */
@Component(service = TextingProvider.class, configurationPid = ZipwhipConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = TextingProvider.PROVIDER_PROPERTY + "=" + ZipwhipProvider.KEY)
@Designate(ocd = ZipwhipConfiguration.class)
public final class ZipwhipProvider implements TextingProvider, SentTextLookup {

    static final String KEY = "zipwhip";

    private static final Logger LOG = Logger.getLogger(ZipwhipProvider.class.getName());

    private final ZipwhipInbound inbound;
    private final ScheduledExecutorService retirement = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ats-texting zipwhip client retirement");
        t.setDaemon(true);
        return t;
    });
    private volatile ZipwhipClient client;
    /** The clock of the webhook checks (tests move it to make accounts idle). */
    private volatile Clock clock = Clock.systemUTC();

    @Activate
    public ZipwhipProvider(ZipwhipConfiguration config, @Reference ZipwhipInbound inbound) {
        this.inbound = inbound;
        this.client = clientFor(config);
        inbound.accept(client == null ? null : client.messages());
    }

    @Modified
    void modified(ZipwhipConfiguration config) {
        ZipwhipClient previous = client;
        client = clientFor(config);
        inbound.accept(client == null ? null : client.messages());
        if (previous != null) {
            // only the new client keeps webhooks from now on: the old one must not reconcile with its old URL
            previous.stopBackground();
        }
        if (client == null && previous != null) {
            // switched off: every push is refused; the webhooks are deleted at the next reconcile once it is on
            inbound.secrets().removeAll();
        }
        // calls already under way finish on the client they started with
        if (previous != null) {
            retirement.schedule(() -> closeQuietly(previous),
                    2L * (config.connectTimeoutSeconds() + config.responseTimeoutSeconds()) + 1L, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        inbound.accept(null);
        retirement.shutdownNow();
        closeQuietly(client);
    }

    private ZipwhipClient clientFor(ZipwhipConfiguration config) {
        if (!config.enabled()) {
            LOG.info("Zipwhip provider is disabled");
            return null;
        }
        LOG.info(() -> "Zipwhip provider is enabled at " + config.apiBaseUrl()
                + (config.callbackBaseUrl().isBlank() ? " (polling only)" : " with webhooks at "
                        + config.callbackBaseUrl()));
        return new ZipwhipClient(config, inbound, clock);
    }

    private static void closeQuietly(ZipwhipClient retired) {
        if (retired != null) {
            try {
                retired.close();
            } catch (IOException e) {
                LOG.fine(() -> "Closing a retired Zipwhip client: " + e);
            }
        }
    }

    private ZipwhipClient enabledClient() throws ProviderException {
        ZipwhipClient current = client;
        if (current == null) {
            throw new ProviderException(Kind.DISABLED, "Zipwhip is disabled");
        }
        return current;
    }

    /** For tests: the clock of clients made from now on. */
    void useClock(Clock testClock) {
        this.clock = testClock;
    }

    /** For tests: runs the periodic webhook check now and waits for it. */
    void checkWebhooksNow() throws Exception {
        ZipwhipClient current = client;
        if (current != null) {
            current.checkWebhooksNow();
        }
    }

    /** For tests: waits until the background webhook work queued so far is done. */
    void awaitBackground() throws Exception {
        ZipwhipClient current = client;
        if (current != null) {
            current.awaitBackground();
        }
    }

    @Override
    public ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        return enabledClient().send(credentials, text);
    }

    @Override
    public CredentialCheck test(ProviderCredentials credentials) {
        ZipwhipClient current = client;
        if (current == null) {
            return new CredentialCheck(Outcome.PROVIDER_UNAVAILABLE, "Zipwhip is disabled");
        }
        return current.test(credentials);
    }

    @Override
    public InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) throws ProviderException {
        return enabledClient().fetchInbound(credentials, cursor);
    }

    /**
     * Declared: the account's {@code message/list} holds what it sent, and the look-up says
     * "not sent" only after reading back past the attempt and after the settle time (see
     * {@link ZipwhipSendLookUp#findSent}).
     */
    @Override
    public Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text, Instant notBefore)
            throws ProviderException {
        return enabledClient().findSent(credentials, text, notBefore);
    }
}
