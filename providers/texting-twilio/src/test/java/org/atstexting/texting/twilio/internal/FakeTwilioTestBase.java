package org.atstexting.texting.twilio.internal;

import java.util.HashMap;
import java.util.Map;

import org.atstexting.fake.twilio.StandaloneTwilioFake;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.twilio.internal.webhook.TwilioWebhooks;
import org.junit.After;
import org.junit.Before;

/**
 * A test of the provider against the standalone Twilio fake: alice's account and a Messaging
 * Service at the fake, a fresh fake for every test, the provider started by the test and
 * stopped after it.
 */
abstract class FakeTwilioTestBase {

    static final String SID = "AC00000000000000000000000000000101";
    static final String TOKEN = "fake-token-alice";
    static final String NUMBER = "+12065550101";
    static final String SERVICE = "MG0123456789abcdef0123456789abcdef";
    static final String DANA = "+12065550123";
    static final ProviderCredentials ALICE = new ProviderCredentials(SID, NUMBER, TOKEN);

    StandaloneTwilioFake fake;
    TwilioProvider provider;

    @Before
    public void startFake() throws Exception {
        fake = StandaloneTwilioFake.start();
        fake.addAccount(SID, TOKEN);
        fake.addMessagingService(SID, SERVICE, "+12065550199");
    }

    @After
    public void stopProviderAndFake() {
        if (provider != null) {
            provider.deactivate();
        }
        fake.close();
    }

    /** Enabled and pointed at the fake, with {@code settings} on top of the Metatype defaults. */
    Map<String, Object> settings(Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(Map.of("enabled", true, "apiBaseUrl", fake.baseUri().toString()));
        all.putAll(settings);
        return all;
    }

    /** Starts the provider (webhooks off) with {@link #settings}. */
    TwilioProvider provider(Map<String, Object> settings) {
        provider = TestProviders.start(settings(settings), new TwilioWebhooks());
        return provider;
    }
}
