package org.atstexting.texting.twilio.conformance;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.atstexting.fake.twilio.FakeInbound;
import org.atstexting.fake.twilio.FakeMessage;
import org.atstexting.fake.twilio.StandaloneTwilioFake;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.kit.Check;
import org.atstexting.texting.kit.Components;
import org.atstexting.texting.kit.ConformanceTarget;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.TextingProvider;
import org.atstexting.texting.twilio.internal.TwilioProvider;

/**
 * The Twilio provider against the Twilio fake, built the way a third party's test would: only
 * the provider's public component class, activated through the kit's {@link Components} (its
 * configuration type is not public). Polls read at most 2 pages of 5 messages.
 */
final class TwilioConformanceTarget implements ConformanceTarget {

    private static final String SID = "AC00000000000000000000000000000101";
    private static final String TOKEN = "fake-token-alice";
    private static final String NUMBER = "+12065550101";
    private static final String PHONE = "+12065550123";
    private static final int PAGE_SIZE = 5;
    private static final int PAGES = 2;

    private final StandaloneTwilioFake fake;
    private final TwilioProvider provider;

    TwilioConformanceTarget(ProviderCallback callback) throws Exception {
        fake = StandaloneTwilioFake.start();
        fake.addAccount(SID, TOKEN);
        Class<?> configType = Class.forName("org.atstexting.texting.twilio.internal.TwilioConfiguration");
        Object config = Components.configuration(configType, Map.of("enabled", true,
                "apiBaseUrl", fake.baseUri().toString(), "connectTimeoutSeconds", 1, "responseTimeoutSeconds", 2,
                "pageSize", PAGE_SIZE, "maxPagesPerPoll", PAGES));
        // the provider has no push yet on this branch: the callback is for when it has
        provider = Components.activate(TwilioProvider.class, config, callback);
    }

    /** What this branch's Twilio provider cannot do yet (issue 14: webhooks, statuses, failure kinds). */
    @Override
    public Map<Check, String> notSupported() {
        Map<Check, String> gaps = new EnumMap<>(Check.class);
        gaps.put(Check.FORGED_PUSH_REFUSED, "no inbound or status webhooks yet (X-Twilio-Signature)");
        gaps.put(Check.STATUSES_FORWARD, "polls report no delivery statuses yet, and there are no status callbacks");
        gaps.put(Check.FAILED_STATUS_REASON, "no delivery statuses yet, so no failure reasons on them");
        gaps.put(Check.LOST_ANSWER_REPORTED, "a lost answer (5xx after the text was stored) is reported as ERROR, "
                + "not looked up or reported as OUTCOME_UNKNOWN");
        gaps.put(Check.THROTTLED, "a 429 (20429) is reported as ERROR, not THROTTLED");
        return gaps;
    }

    @Override
    public String providerKey() {
        return "twilio";
    }

    @Override
    public TextingProvider provider() {
        return provider;
    }

    @Override
    public ProviderCredentials credentials() {
        return new ProviderCredentials(SID, NUMBER, TOKEN);
    }

    @Override
    public ProviderCredentials wrongPassword() {
        return new ProviderCredentials(SID, NUMBER, "not-alices-token");
    }

    @Override
    public String phone() {
        return PHONE;
    }

    @Override
    public void makeUnreachable() {
        fake.close();
    }

    @Override
    public List<String> sentBodies() {
        return fake.sent().stream().map(FakeMessage::body).toList();
    }

    @Override
    public void deliverInbound(List<String> bodies) {
        // dated as Twilio dates them (whole seconds), a few a second, in this order
        fake.deliverInbound(SID, bodies.stream().map(b -> new FakeInbound(PHONE, NUMBER, b)).toList(), 3);
    }

    @Override
    public int inboundPerPoll() {
        return PAGE_SIZE * PAGES;
    }

    @Override
    public void loseNextSendAnswer() {
        fake.sendThenFail(1);
    }

    @Override
    public void throttleNextSend(int retryAfterSeconds) {
        // the fake answers 429 with Twilio's error 20429; Retry-After on it is unconfirmed (twilio-api.md)
        fake.failNext(429, 1);
    }

    @Override
    public void moveStatus(String providerMessageId, DeliveryStatus status) {
        switch (status) {
            case SENT -> fake.setStatus(providerMessageId, "sent", null);
            case DELIVERED -> fake.setStatus(providerMessageId, "delivered", null);
            case FAILED -> fake.setStatus(providerMessageId, "undelivered", 30006);
            default -> throw new IllegalArgumentException("Twilio does not move a sent text to " + status);
        }
    }

    @Override
    public DeliveryFailure failure() {
        return new DeliveryFailure(DeliveryFailure.Reason.NOT_MOBILE, "30006", null);
    }

    @Override
    public int push(String body, boolean genuine) {
        throw new UnsupportedOperationException("the Twilio provider has no webhooks on this branch");
    }

    @Override
    public void close() {
        Components.call(provider, "deactivate");
        fake.close();
    }
}
