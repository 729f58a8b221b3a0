package org.atstexting.texting.twilio.internal.webhook;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.atstexting.texting.kit.WebhookLoopback;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.StatusUpdate;

/**
 * Our webhook endpoints on the JDK's HTTP server (the servlets' handler, {@link TwilioWebhookExchange}) and a core that records what it was handed.
 */
final class WebhookHarness implements AutoCloseable {

    /** What the core was handed. */
    static final class Core implements ProviderCallback {
        final List<InboundText> received = new CopyOnWriteArrayList<>();
        final List<StatusUpdate> statuses = new CopyOnWriteArrayList<>();
        final List<String> optOuts = new CopyOnWriteArrayList<>();

        @Override
        public void received(String provider, InboundText text) {
            received.add(text);
        }

        @Override
        public void statusChanged(String provider, StatusUpdate update) {
            statuses.add(update);
        }

        @Override
        public void optedOut(String provider, String number, String account, String cause) {
            optOuts.add("out " + number);
        }

        @Override
        public void optedIn(String provider, String number, String account, String cause) {
            optOuts.add("in " + number);
        }
    }

    private final WebhookLoopback server;
    private volatile TwilioWebhooks webhooks;

    WebhookHarness(TwilioWebhooks webhooks) throws IOException {
        this.webhooks = webhooks;
        // the servlets' handler, over whichever webhooks instance is current
        server = WebhookLoopback.serve("/twilio/", request -> new TwilioWebhookExchange(this.webhooks).handle(request));
    }

    /** Another webhooks instance behind the same URL (a restart of the node). */
    void use(TwilioWebhooks replacement) {
        this.webhooks = replacement;
    }

    String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public void close() {
        server.close();
    }
}
