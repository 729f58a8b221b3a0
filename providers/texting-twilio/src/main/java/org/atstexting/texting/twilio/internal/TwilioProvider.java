package org.atstexting.texting.twilio.internal;

import java.io.IOException;
import java.net.URI;
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
import org.atstexting.texting.spi.ProviderSecrets;
import org.atstexting.texting.spi.SentTextLookup;
import org.atstexting.texting.spi.TextingProvider;
import org.atstexting.texting.twilio.internal.webhook.TwilioWebhooks;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import com.google.gson.JsonObject;

/**
 * The Twilio provider. Registered whether or not it is configured, so the core can explain a
 * refusal ("Twilio is disabled") instead of finding no provider; a changed configuration
 * takes effect for the next call without re-registering the service.
 *
 * <p>Credentials: username = the Account SID, password = the Auth Token, phone number = the
 * Twilio number texts are sent from (and whose inbound texts are read), unless the
 * configuration names a Messaging Service for them. Webhooks need the Account SID and Auth
 * Token (not an API key): Twilio signs them with the Auth Token.
 */
@Component(service = TextingProvider.class, configurationPid = TwilioConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = TextingProvider.PROVIDER_PROPERTY + "=" + TwilioProvider.KEY)
@Designate(ocd = TwilioConfiguration.class)
public final class TwilioProvider implements TextingProvider, SentTextLookup {

    static final String KEY = "twilio";

    private static final Logger LOG = Logger.getLogger(TwilioProvider.class.getName());

    private final ScheduledExecutorService retirement = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ats-texting twilio client retirement");
        t.setDaemon(true);
        return t;
    });
    private final KnownAccounts accounts;
    private final TwilioWebhooks webhooks;
    private volatile TwilioClient client;

    /**
     * In OSGi the Auth Tokens that verify webhooks are shared through the core's secrets, so the
     * node the balancer picks verifies a webhook even if only another node used the account.
     */
    @Activate
    public TwilioProvider(TwilioConfiguration config, @Reference TwilioWebhooks webhooks,
            @Reference ProviderSecrets shared) {
        this.webhooks = webhooks;
        this.accounts = new KnownAccounts(Clock.systemUTC(), shared);
        configure(config);
    }

    /** One JVM on its own (tests): the tokens this node used, in memory only. */
    TwilioProvider(TwilioConfiguration config, TwilioWebhooks webhooks) {
        this.webhooks = webhooks;
        this.accounts = new KnownAccounts(Clock.systemUTC(), null);
        configure(config);
    }

    @Modified
    void modified(TwilioConfiguration config) {
        TwilioClient previous = client;
        configure(config);
        // calls already under way finish on the client they started with
        if (previous != null) {
            retirement.schedule(() -> closeQuietly(previous),
                    config.connectTimeoutSeconds() + config.responseTimeoutSeconds() + 1L, TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void deactivate() {
        webhooks.accept(null);
        retirement.shutdownNow();
        closeQuietly(client);
    }

    private void configure(TwilioConfiguration config) {
        if (!config.enabled()) {
            LOG.info("Twilio provider is disabled");
            client = null;
            webhooks.accept(null);
            return;
        }
        String callbackBase = callbackBase(config.callbackBaseUrl());
        LOG.info(() -> "Twilio provider is enabled at " + config.apiBaseUrl() + (callbackBase == null
                ? "; no webhooks (polling only)" : "; webhooks at " + callbackBase + "/twilio/inbound and /twilio/status"));
        TwilioClient created = new TwilioClient(config, callbackBase);
        client = created;
        webhooks.accept(callbackBase == null ? null
                : new TwilioWebhooks.Settings(callbackBase, accounts, (sid, to, from, messageSid) ->
                        inboundCreated(created, sid, to, from, messageSid)));
    }

    /**
     * The checked public base URL without a trailing slash, or {@code null} (no webhooks). A
     * URL that is not absolute http(s) is a configuration error, reported here at start rather
     * than as a refusal of every call.
     */
    static String callbackBase(String configured) {
        if (configured == null || configured.isBlank()) {
            return null;
        }
        String url = configured.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException("not an absolute http(s) URL without query");
            }
            return url;
        } catch (IllegalArgumentException e) {
            String shown = configured.replaceAll("\\p{Cntrl}", "?");
            LOG.severe(() -> "Twilio configuration: callbackBaseUrl '" + shown + "' is not an absolute http(s) URL "
                    + "without query (e.g. https://ats.example.com); webhooks are off until it is fixed");
            return null;
        }
    }

    /** When Twilio created this inbound message from {@code from}, fetched with the account's newest token. */
    private Optional<Instant> inboundCreated(TwilioClient through, String accountSid, String to, String from,
            String messageSid) {
        var tokens = accounts.tokens(accountSid);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<JsonObject> message = through.message(new ProviderCredentials(accountSid, to, tokens.get(0)),
                    messageSid);
            return message.filter(m -> "inbound".equals(TwilioMessages.string(m, "direction"))
                    && from.equals(TwilioMessages.string(m, "from"))).flatMap(TwilioMessages::created);
        } catch (ProviderException e) {
            LOG.warning(() -> "Could not look up Twilio message " + messageSid + ": " + e.getMessage());
            return Optional.empty();
        }
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

    private TwilioClient enabledClient(ProviderCredentials credentials) throws ProviderException {
        TwilioClient current = client;
        if (current == null) {
            throw new ProviderException(Kind.DISABLED, "Twilio is disabled");
        }
        accounts.seen(credentials); // so this account's webhooks can be verified on this node
        return current;
    }

    @Override
    public ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        return enabledClient(credentials).send(credentials, text);
    }

    @Override
    public CredentialCheck test(ProviderCredentials credentials) {
        TwilioClient current = client;
        if (current == null) {
            return new CredentialCheck(Outcome.PROVIDER_UNAVAILABLE, "Twilio is disabled");
        }
        CredentialCheck check = current.test(credentials);
        if (check.ok()) {
            accounts.seen(credentials);
        }
        return check;
    }

    @Override
    public InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) throws ProviderException {
        return enabledClient(credentials).fetchInbound(credentials, cursor);
    }

    /**
     * Declared: Twilio's message list, read to its end without a date filter, holds every text
     * the account created, so "not found" after the settle time means "not sent" (see
     * {@link TwilioSentLookup}).
     */
    @Override
    public Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text, Instant notBefore)
            throws ProviderException {
        return enabledClient(credentials).findSent(credentials, text, notBefore);
    }
}
