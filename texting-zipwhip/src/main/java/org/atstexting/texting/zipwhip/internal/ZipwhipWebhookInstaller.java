package org.atstexting.texting.zipwhip.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

/**
 * Installs an account's webhook when a session is made, so replies and delivery progress
 * are pushed; polling reads everything anyway.
 */
final class ZipwhipWebhookInstaller {

    private static final Logger LOG = Logger.getLogger(ZipwhipWebhookInstaller.class.getName());

    /** Events the webhook is installed for: replies, and delivery progress of sent texts. */
    static final List<String> WEBHOOK_EVENTS = List.of("receive", "progress");

    private final ZipwhipApi api;
    private final ZipwhipInbound inbound;
    /** The webhook's URL without its query, or null when webhooks are off. */
    private final String webhookUrl;

    ZipwhipWebhookInstaller(ZipwhipApi api, ZipwhipInbound inbound, String webhookUrl) {
        this.api = api;
        this.inbound = inbound;
        this.webhookUrl = webhookUrl;
    }

    /**
     * Installs the account's webhook once a session exists, unless it is installed for
     * the current callback URL already. Webhooks are kept per account (Zipwhip's guide says
     * "installed per session"; whether they outlive the session is not confirmed): a new
     * secret is made when the callback URL changes or nothing is stored. Failing to install
     * is logged, not thrown: polling still reads everything.
     */
    void installWebhook(ProviderCredentials credentials, String session) {
        if (webhookUrl == null) {
            return;
        }
        String username = credentials.username();
        WebhookSecrets secrets = inbound.secrets();
        Optional<WebhookSecrets.Entry> installed = secrets.entry(username);
        if (installed.isPresent() && installed.get().callbackUrl().equals(webhookUrl)
                && installed.get().accountNumber().equals(credentials.phoneNumber())) {
            return;
        }
        String secret = WebhookSecrets.newSecret();
        String url = webhookUrl + "?account=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&secret="
                + secret;
        secrets.put(username, credentials.phoneNumber(), webhookUrl, secret);
        try {
            for (String event : WEBHOOK_EVENTS) {
                ZipwhipReply reply = api.call("webhook/add", Map.of("session", session, "type", "message",
                        "event", event, "url", url, "method", "POST"));
                if (!reply.success()) {
                    throw new ProviderException(Kind.ERROR, "Zipwhip refused webhook/add for '" + event + "': "
                            + reply.errorText());
                }
            }
            LOG.info(() -> "Installed the Zipwhip webhook of " + username + " at " + webhookUrl);
        } catch (ProviderException | RuntimeException e) {
            secrets.remove(username);
            LOG.warning(() -> "Could not install the Zipwhip webhook of " + username + " (" + e.getMessage()
                    + "); its replies and statuses are read by polling");
        }
    }

}
