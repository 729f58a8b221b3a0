package org.atstexting.itest;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.atstexting.fake.twilio.FakeInbound;
import org.atstexting.fake.twilio.TwilioFake;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** {@link PollingBacklogSupport} against the Twilio fake, with the provider's budget of 500 messages a poll. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TwilioPollingBacklogIT extends PollingBacklogSupport {

    private static final String ALICE_SID = "AC00000000000000000000000000000101";
    private static final String ALICE_NUMBER = "+12065550101";

    private TwilioFake fake;

    @Override
    protected String provider() {
        return "twilio";
    }

    @Override
    protected void setUpProvider() throws Exception {
        String baseUrl = "http://127.0.0.1:" + context().getProperty("org.osgi.service.http.port") + TwilioFake.BASE_PATH;
        String filter = "(" + TextingProvider.PROVIDER_PROPERTY + "=twilio)";
        service(TextingProvider.class, filter);
        service(org.osgi.service.cm.ConfigurationAdmin.class).getConfiguration("org.atstexting.twilio", "?")
                .update(props("enabled", true, "apiBaseUrl", baseUrl, "pageSize", 100, "maxPagesPerPoll", 5));
        await("twilio to be configured", () -> {
            try {
                return context().getServiceReferences(TextingProvider.class.getName(),
                        "(&" + filter + "(apiBaseUrl=" + baseUrl + ")(pageSize=100))") != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
        fake = service(TwilioFake.class);
        // not reset between tests: the core's cursor stays valid; each test uses numbers of its own
    }

    @Override
    protected String[] systemAccount() {
        return new String[] { "AC00000000000000000000000000000100", "+12065550100", "fake-token-system" };
    }

    @Override
    protected String[] aliceAccount() {
        return new String[] { ALICE_SID, ALICE_NUMBER, "fake-token-alice" };
    }

    @Override
    protected void deliver(String from, String body) {
        fake.deliverInbound(ALICE_SID, from, ALICE_NUMBER, body);
    }

    @Override
    protected void deliverBurst(List<String[]> fromAndBody) {
        fake.deliverInbound(ALICE_SID, fromAndBody.stream().map(t -> new FakeInbound(t[0], ALICE_NUMBER, t[1])).toList(),
                25);
    }

    @Override
    protected long sentTo(String to) {
        return fake.sent().stream().filter(m -> m.to().equals(to)).count();
    }

    @Override
    protected void loseTheNextSendAnswer() {
        fake.sendThenFail(1);
    }

    /** Twilio declares the look-up of a sent text: the text whose answer was lost is found, never resent. */
    @Override
    protected void assertResolvedInFlight(BulkRecipient recipient) {
        assertEquals(recipient.reason(), BulkRecipient.State.SENT, recipient.state());
        org.junit.Assert.assertNotNull(recipient.messageKey());
    }

}
