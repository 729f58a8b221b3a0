package org.atstexting.texting.zipwhip.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;

/**
 * Zipwhip's methods for one configuration, as one part per job: {@link ZipwhipSender}
 * sends (with the look-up after a lost answer), {@link ZipwhipPoll} walks the message list,
 * {@link ZipwhipWebhooks} installs webhooks; this class wires them and tests logins.
 */
final class ZipwhipClient implements Closeable {

    /** The webhook servlet's path under the public callback base URL. */
    static final String WEBHOOK_PATH = "/zipwhip/webhook";

    private final ZipwhipApi api;
    private final ZipwhipSessions sessions;
    private final ZipwhipMessages messages;
    private final ZipwhipSender sender;
    private final ZipwhipPoll poll;
    private final ZipwhipWebhooks webhooks;

    /** Sessions and webhooks know each other; this breaks the knot at construction. */
    private static final class WebhookReference {
        volatile ZipwhipWebhooks webhooks;
    }

    ZipwhipClient(ZipwhipConfiguration config, ZipwhipInbound inbound, Clock clock) {
        int maxAttempts = Math.max(1, config.maxAttempts());
        this.api = new ZipwhipApi(URI.create(withSlash(config.apiBaseUrl().trim())), config.connectTimeoutSeconds(),
                config.responseTimeoutSeconds(), maxAttempts, config.backoffMillis());
        String base = config.callbackBaseUrl() == null ? "" : config.callbackBaseUrl().trim();
        String webhookUrl = base.isEmpty() ? null : withoutSlash(base) + WEBHOOK_PATH;
        WebhookReference ref = new WebhookReference();
        this.sessions = new ZipwhipSessions(api, (c, s) -> ref.webhooks.sessionStarted(c, s),
                task -> ref.webhooks.background(task));
        this.webhooks = new ZipwhipWebhooks(api, inbound.secrets(), sessions, webhookUrl,
                Duration.ofMinutes(Math.max(1, config.webhookCheckMinutes())),
                Duration.ofMinutes(Math.max(1, config.accountIdleMinutes())), clock);
        ref.webhooks = webhooks;
        this.messages = new ZipwhipMessages(new ZipwhipAddresses(config.defaultRegion()));
        ZipwhipMessageList list = new ZipwhipMessageList(api, sessions, config);
        this.sender = new ZipwhipSender(config, api, sessions, messages, list);
        this.poll = new ZipwhipPoll(config, messages, inbound, list);
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    ZipwhipMessages messages() {
        return messages;
    }

    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        webhooks.seen(credentials);
        return sender.send(credentials, text);
    }

    /** The declared look-up of a sent text, see {@link ZipwhipSendLookUp#findSent}. */
    Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text, java.time.Instant notBefore)
            throws ProviderException {
        webhooks.seen(credentials);
        return sender.lookUp().findSent(credentials, text, notBefore);
    }

    InboundBatch fetchInbound(ProviderCredentials credentials, String cursorText) throws ProviderException {
        webhooks.seen(credentials);
        return poll.fetchInbound(credentials, cursorText);
    }

    // ------------------------------------------------------------------ test

    CredentialCheck test(ProviderCredentials credentials) {
        try {
            // other credentials under the same username replace the old ones: their session goes
            sessions.checkReplaced(credentials);
            String key = sessions.login(credentials);
            webhooks.background(() -> sessions.logout(key));
            return numberCheck(credentials, key);
        } catch (ProviderException e) {
            return switch (e.kind()) {
                case BAD_CREDENTIALS -> new CredentialCheck(Outcome.BAD_CREDENTIALS, e.getMessage() + ".");
                case UNREACHABLE -> new CredentialCheck(Outcome.UNREACHABLE, "Zipwhip could not be reached: "
                        + e.getMessage() + ".");
                case DISABLED, NOT_CONFIGURED -> new CredentialCheck(Outcome.PROVIDER_UNAVAILABLE, e.getMessage());
                case REJECTED, ERROR, OPTED_OUT, THROTTLED, OUTCOME_UNKNOWN -> new CredentialCheck(Outcome.PROVIDER_ERROR,
                        "Zipwhip answered with an error, "
                        + "so the credentials could not be checked: " + e.getMessage() + ".");
            };
        }
    }

    /**
     * Zipwhip's session key is shaped {@code <uuid>:<number>} (zipwhip-api.md): the number is
     * the account's, and must be the one entered, or every text would be recorded from the
     * wrong sender. A key without a number says nothing: Test then says it could not check.
     */
    private static CredentialCheck numberCheck(ProviderCredentials credentials, String sessionKey) {
        Optional<String> number = ZipwhipSessions.keyNumber(sessionKey);
        String entered = credentials.phoneNumber();
        if (number.isEmpty()) {
            return new CredentialCheck(Outcome.OK, "Zipwhip accepted the credentials of " + credentials.username()
                    + ", but did not say the account's number, so the number " + entered + " could not be checked.");
        }
        String digits = entered.startsWith("+") ? entered.substring(1) : entered;
        String zipwhip = number.get();
        // Zipwhip writes NANP numbers as 10 digits, without the country code
        boolean same = digits.equals(zipwhip) || (digits.length() == 11 && digits.startsWith("1")
                && digits.substring(1).equals(zipwhip));
        if (!same) {
            return new CredentialCheck(Outcome.BAD_CREDENTIALS, "Zipwhip accepted the username and password of "
                    + credentials.username() + ", but that account's number is " + zipwhip + ", not " + entered
                    + ": correct the phone number, or texts would be recorded from the wrong sender.");
        }
        return new CredentialCheck(Outcome.OK, "Zipwhip accepted the credentials of " + credentials.username()
                + " for the number " + entered + ".");
    }

    void awaitBackground() throws Exception {
        webhooks.awaitBackground();
    }

    void checkWebhooksNow() throws Exception {
        webhooks.background(webhooks::checkAll);
        webhooks.awaitBackground();
    }

    /** Stops the background webhook work (the client is being replaced); calls under way finish. */
    void stopBackground() {
        webhooks.close();
    }

    @Override
    public void close() throws IOException {
        webhooks.close();
        api.close();
    }
}
