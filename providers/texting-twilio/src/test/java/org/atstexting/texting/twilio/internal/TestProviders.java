package org.atstexting.texting.twilio.internal;

import java.util.Map;

import org.atstexting.texting.twilio.internal.webhook.TwilioWebhooks;

/** Starts and stops a provider as SCR would, for tests in other packages. */
public final class TestProviders {

    private TestProviders() {
    }

    public static TwilioProvider start(Map<String, Object> config, TwilioWebhooks webhooks) {
        return new TwilioProvider(TwilioProviderTest.config(config), webhooks);
    }

    public static void stop(TwilioProvider provider) {
        provider.deactivate();
    }
}
