package org.atstexting.texting.zipwhip.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;

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
 * {@link ZipwhipWebhookInstaller} installs webhooks; this class wires them and tests logins.
 */
final class ZipwhipClient implements Closeable {

    /** The webhook servlet's path under the public callback base URL. */
    static final String WEBHOOK_PATH = "/zipwhip/webhook";

    private final ZipwhipApi api;
    private final ZipwhipSessions sessions;
    private final ZipwhipMessages messages;
    private final ZipwhipSender sender;
    private final ZipwhipPoll poll;

    ZipwhipClient(ZipwhipConfiguration config, ZipwhipInbound inbound) {
        int maxAttempts = Math.max(1, config.maxAttempts());
        this.api = new ZipwhipApi(URI.create(withSlash(config.apiBaseUrl().trim())), config.connectTimeoutSeconds(),
                config.responseTimeoutSeconds(), maxAttempts, config.backoffMillis());
        String base = config.callbackBaseUrl() == null ? "" : config.callbackBaseUrl().trim();
        String webhookUrl = base.isEmpty() ? null : withoutSlash(base) + WEBHOOK_PATH;
        ZipwhipWebhookInstaller webhooks = new ZipwhipWebhookInstaller(api, inbound, webhookUrl);
        this.sessions = new ZipwhipSessions(api, webhooks::installWebhook);
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
        return sender.send(credentials, text);
    }

    InboundBatch fetchInbound(ProviderCredentials credentials, String cursorText) throws ProviderException {
        return poll.fetchInbound(credentials, cursorText);
    }

    // ------------------------------------------------------------------ test

    CredentialCheck test(ProviderCredentials credentials) {
        try {
            sessions.login(credentials);
            return new CredentialCheck(Outcome.OK, "Zipwhip accepted the credentials of " + credentials.username()
                    + ".");
        } catch (ProviderException e) {
            return switch (e.kind()) {
                case BAD_CREDENTIALS -> new CredentialCheck(Outcome.BAD_CREDENTIALS, e.getMessage() + ".");
                case UNREACHABLE -> new CredentialCheck(Outcome.UNREACHABLE, "Zipwhip could not be reached: "
                        + e.getMessage() + ".");
                case DISABLED, NOT_CONFIGURED -> new CredentialCheck(Outcome.PROVIDER_UNAVAILABLE, e.getMessage());
                case REJECTED, ERROR -> new CredentialCheck(Outcome.PROVIDER_ERROR, "Zipwhip answered with an error, "
                        + "so the credentials could not be checked: " + e.getMessage() + ".");
            };
        }
    }

    @Override
    public void close() throws IOException {
        api.close();
    }
}
