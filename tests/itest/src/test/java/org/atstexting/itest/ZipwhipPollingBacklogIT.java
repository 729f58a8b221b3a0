package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.List;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.spi.TextingProvider;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@link PollingBacklogSupport} against the Zipwhip sandbox, with the provider's default
 * budget (message/list pages of 50, 20 a poll: 1,000 messages).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ZipwhipPollingBacklogIT extends PollingBacklogSupport {

    private static final String ALICE_ACCOUNT = "2065550101";

    private ZipwhipSandbox sandbox;

    @Override
    protected String provider() {
        return "zipwhip";
    }

    @Override
    protected void setUpProvider() throws Exception {
        configureInPlace("org.atstexting.zipwhip", props("enabled", true, "apiBaseUrl", sandboxBaseUrl(),
                "sendRatePerSecond", 0), TextingProvider.class, "apiBaseUrl");
        sandbox = service(ZipwhipSandbox.class);
        sandbox.addAccount("2065550100", "sandbox-system");
        sandbox.addAccount(ALICE_ACCOUNT, "sandbox-alice");
        // not reset between tests: the core's cursor stays valid; each test uses numbers of its own
    }

    @Override
    protected String[] systemAccount() {
        return new String[] { "2065550100", "2065550100", "sandbox-system" };
    }

    @Override
    protected String[] aliceAccount() {
        return new String[] { ALICE_ACCOUNT, ALICE_ACCOUNT, "sandbox-alice" };
    }

    @Override
    protected void deliver(String from, String body) {
        sandbox.deliverReply(from, ALICE_ACCOUNT, body);
    }

    @Override
    protected void deliverBurst(List<String[]> fromAndBody) {
        for (String[] text : fromAndBody) {
            sandbox.deliverReply(text[0], ALICE_ACCOUNT, text[1]);
        }
    }

    @Override
    protected long sentTo(String to) {
        return sandbox.sent().stream().filter(m -> to.equals("+1" + m.destAddress())).count();
    }

    @Override
    protected void loseTheNextSendAnswer() {
        sandbox.injectFault("message/send", ZipwhipSandbox.Fault.SEND_THEN_FAIL, 1);
    }

    /** Zipwhip's message list reports what the account sent: the text is found there, so it is SENT. */
    @Override
    protected void assertResolvedInFlight(BulkRecipient recipient) {
        assertEquals(recipient.reason(), BulkRecipient.State.SENT, recipient.state());
        assertNotNull(recipient.messageKey());
    }
}
