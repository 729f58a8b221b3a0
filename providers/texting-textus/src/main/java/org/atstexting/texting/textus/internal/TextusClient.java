package org.atstexting.texting.textus.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;

import com.google.gson.JsonObject;

/**
 * The TextUs Next API for one configuration: send ({@link TextusSender}), Test
 * ({@code GET /:account}, unconfirmed: the account resource), polling ({@link TextusPoll}),
 * the webhook integration ({@code POST /:account/integrations}) and opt-outs
 * ({@code GET /:account/opt_outs}, {@code PUT /:account/opt_outs/:phone}).
 */
final class TextusClient implements Closeable {

    private static final Logger LOG = Logger.getLogger(TextusClient.class.getName());
    /** Every event the provider acts on: TextUs sends only message.delivered and message.received unless asked. */
    static final String[] ACTIONS = { "message.received", "message.delivered", "message.failed", "message.unknown",
        "contact.opted_out", "contact.opted_in" };
    /** How far back the first poll of an account reads. */
    static final Duration FIRST_POLL_LOOKBACK = Duration.ofHours(24);

    private final TextusApi api;
    private final String account;
    private final String callbackUrl;
    private final boolean ownSecret;
    private final int maxTexts;
    private final int maxPages;
    private final Duration optOutSync;
    private final Clock clock;
    private final TextusInbound inbound;
    private final TextusSender sender;
    private final Map<String, Instant> optOutsReadAt = new ConcurrentHashMap<>();

    TextusClient(TextusConfiguration config, TextusInbound inbound, Clock clock) {
        this.clock = clock;
        this.inbound = inbound;
        this.api = new TextusApi(URI.create(withSlash(config.apiBaseUrl())), config.connectTimeoutSeconds(),
                config.responseTimeoutSeconds(), new TextusRate(clock, config.maxRateWaitSeconds()));
        this.account = config.accountSlug().strip();
        String base = config.callbackBaseUrl().strip();
        this.callbackUrl = base.isEmpty() ? null
                : (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + TextusWebhookExchange.PATH;
        this.ownSecret = config.webhookSecret().isEmpty();
        this.maxTexts = config.maxTextsPerPoll();
        this.maxPages = config.maxPagesPerPoll();
        this.optOutSync = Duration.ofMinutes(Math.max(0, config.optOutSyncMinutes()));
        // a request that timed out may still be stored: the look-up waits its time-outs twice before "not
        // sent", counted from the core's notBefore, which lies the core's clock slack (2 minutes) before the attempt
        this.sender = new TextusSender(api, clock, inbound::optedOut, Duration.ofMinutes(2).plusSeconds(
                2L * (Math.max(0, config.connectTimeoutSeconds()) + Math.max(0, config.responseTimeoutSeconds()))));
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private String account() throws ProviderException {
        if (account.isEmpty()) {
            throw new ProviderException(Kind.NOT_CONFIGURED, "TextUs has no account slug configured (PID "
                    + TextusConfiguration.PID + ", accountSlug)");
        }
        return account;
    }

    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        String slug = account();
        inbound.learnAccountNumber(credentials.phoneNumber());
        return sender.send(credentials, slug, text);
    }

    /** The declared look-up of a sent text, see {@link TextusSender#findSent}. */
    java.util.Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text,
            java.time.Instant notBefore) throws ProviderException {
        return sender.findSent(credentials, account(), text, notBefore);
    }

    CredentialCheck test(ProviderCredentials credentials) {
        try {
            String slug = account();
            TextusApi.Reply reply = api.get(credentials, "/" + TextusPoll.enc(slug), "the token check");
            if (reply.status() == 401) {
                return new CredentialCheck(Outcome.BAD_CREDENTIALS, "TextUs refused the API token of user "
                        + credentials.username() + ": it is wrong or was revoked");
            }
            if (reply.status() == 403) {
                return new CredentialCheck(Outcome.BAD_CREDENTIALS, "TextUs accepted the token but its user "
                        + credentials.username() + " may not use account " + slug);
            }
            if (!reply.ok()) {
                return new CredentialCheck(Outcome.PROVIDER_ERROR, TextusFailures.of(reply, credentials,
                        "the token check").getMessage());
            }
            String number = TextusJson.string(reply.json(), "phoneNumber");
            if (number != null && !number.equals(credentials.phoneNumber())) {
                return new CredentialCheck(Outcome.PROVIDER_ERROR, "The token works, but TextUs account " + slug
                        + " texts from " + number + ", not " + credentials.phoneNumber());
            }
            inbound.learnAccountNumber(credentials.phoneNumber());
            return new CredentialCheck(Outcome.OK, "TextUs accepted the token of user " + credentials.username()
                    + " for account " + slug + webhookNote(credentials));
        } catch (ProviderException e) {
            return new CredentialCheck(switch (e.kind()) {
                case UNREACHABLE -> Outcome.UNREACHABLE;
                case DISABLED, NOT_CONFIGURED -> Outcome.PROVIDER_UNAVAILABLE;
                case BAD_CREDENTIALS -> Outcome.BAD_CREDENTIALS;
                default -> Outcome.PROVIDER_ERROR;
            }, e.getMessage());
        }
    }

    private String webhookNote(ProviderCredentials credentials) {
        if (callbackUrl == null) {
            return "; no callback base URL is set, so replies arrive by polling only";
        }
        try {
            ensureWebhook(credentials);
            return "; TextUs calls " + callbackUrl + " with replies, delivery news and opt-outs";
        } catch (ProviderException e) {
            return "; but the webhook could not be registered (" + e.getMessage() + "): replies arrive by polling";
        }
    }

    /** Registers the integration once per account and callback URL; the secret TextUs returns is kept. */
    synchronized void ensureWebhook(ProviderCredentials credentials) throws ProviderException {
        if (callbackUrl == null || !ownSecret || inbound.secrets().has(account, callbackUrl)) {
            return;
        }
        JsonObject config = new JsonObject();
        config.addProperty("baseUrl", callbackUrl);
        JsonObject actions = new JsonObject();
        for (String action : ACTIONS) {
            actions.addProperty(action, true);
        }
        JsonObject settings = new JsonObject();
        settings.add("actions", actions);
        JsonObject body = new JsonObject();
        body.addProperty("provider", "webhook");
        body.add("config", config);
        body.add("settings", settings);
        TextusApi.Reply reply = api.post(credentials, "/" + TextusPoll.enc(account) + "/integrations", body,
                "the webhook registration");
        if (!reply.ok()) {
            throw TextusFailures.of(reply, credentials, "the webhook registration");
        }
        String secret = TextusJson.string(TextusJson.object(reply.json(), "config"), "webhookSecret");
        if (secret == null || secret.isEmpty()) {
            throw new ProviderException(Kind.ERROR, "TextUs registered the webhook but returned no webhookSecret; "
                    + "its calls cannot be verified");
        }
        inbound.secrets().put(account, callbackUrl, secret);
        LOG.info(() -> "Registered the TextUs webhook of account " + account + " at " + callbackUrl);
    }

    InboundBatch fetchInbound(ProviderCredentials credentials, String cursorText) throws ProviderException {
        String slug = account();
        inbound.learnAccountNumber(credentials.phoneNumber());
        try {
            ensureWebhook(credentials);
        } catch (ProviderException e) {
            LOG.warning(() -> "The TextUs webhook is not registered (" + e.getMessage() + "); polling only for now");
        }
        PollCursor cursor = PollCursor.parse(cursorText, clock.instant().minus(FIRST_POLL_LOOKBACK));
        InboundBatch batch = new TextusPoll(api, maxTexts, maxPages).next(credentials, slug, cursor);
        readOptOutsIfDue(credentials, slug);
        return batch;
    }

    /** The safety net for contact.opted_out: TextUs's list, every {@code optOutSyncMinutes} per account. */
    private void readOptOutsIfDue(ProviderCredentials credentials, String slug) {
        Instant last = optOutsReadAt.get(slug);
        Instant now = clock.instant();
        if (optOutSync.isZero() || (last != null && now.isBefore(last.plus(optOutSync)))) {
            return;
        }
        try {
            String next = "/" + TextusPoll.enc(slug) + "/opt_outs";
            for (int pages = 0; next != null && pages < maxPages; pages++) {
                TextusApi.Reply reply = api.get(credentials, next, "the opt-out list");
                if (!reply.ok()) {
                    throw TextusFailures.of(reply, credentials, "the opt-out list");
                }
                for (JsonObject optOut : TextusPoll.members(reply.json())) {
                    String number = TextusJson.string(optOut, "phoneNumber");
                    if (number != null) {
                        inbound.optedOut(number, "on TextUs's opt-out list");
                    }
                }
                next = TextusJson.string(TextusJson.object(reply.json(), "view"), "next");
            }
            optOutsReadAt.put(slug, now);
        } catch (ProviderException e) {
            LOG.warning(() -> "TextUs's opt-out list was not read (" + e.getMessage() + "); trying at the next poll");
        }
    }

    void mirrorOptOut(ProviderCredentials credentials, String number) throws ProviderException {
        String slug = account();
        TextusApi.Reply reply = api.put(credentials, "/" + TextusPoll.enc(slug) + "/opt_outs/"
                + TextusPoll.enc(number), new JsonObject(), "the opt-out of " + number);
        if (!reply.ok()) {
            throw TextusFailures.of(reply, credentials, "the opt-out of " + number);
        }
    }

    @Override
    public void close() throws IOException {
        api.close();
    }
}
