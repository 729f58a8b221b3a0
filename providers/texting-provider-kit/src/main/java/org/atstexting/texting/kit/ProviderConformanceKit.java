package org.atstexting.texting.kit;

import java.util.List;

import org.atstexting.texting.spi.ProviderCallback;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * The provider SPI's contract as JUnit 4 tests. A provider's test scope extends this class and
 * returns its {@link ConformanceTarget} (its provider wired to its own fake) from
 * {@link #newTarget}; every test gets a fresh one. Each test proves one {@link Check} by
 * counting what the fake stored or what the provider handed over, and records the outcome
 * in the {@link ConformanceReport report}. The checks live in classes by concern
 * ({@code SendingChecks}, {@code StatusChecks}, {@code InboundChecks}), the declared-not-supported
 * rule in {@code ConformanceRunner}; this class is the JUnit face a provider extends.
 *
 * <pre>
 * public class AcmeConformanceTest extends ProviderConformanceKit {
 *     protected ConformanceTarget newTarget(ProviderCallback callback) throws Exception {
 *         return new AcmeTarget(callback); // starts the fake, activates the provider against it
 *     }
 * }
 * </pre>
 */
public abstract class ProviderConformanceKit {

    /** Bodies that break a client which is not UTF-8 end to end. */
    public static final List<String> UNICODE_BODIES = List.of(
            "Grüße aus Köln: café, crème brûlée, señor, Ærø, Łódź",
            "It costs 5 € a month",
            "GSM-7 extension characters: ^ { } [ ] ~ | \\ and €",
            "Emoji 👋🏽 😀 🎉 (surrogate pairs)",
            "CJK 你好，世界 こんにちは 안녕하세요",
            "Mixed: Zoë texted 東京 ^_^ {ok} [sure] ~5 € 👍");

    private final PushRecorder pushes = new PushRecorder();
    private ConformanceTarget target;
    private SendingChecks sending;
    private StatusChecks statuses;
    private InboundChecks inbound;

    /** A provider enabled against a fresh fake, pushing to {@code callback}. */
    protected abstract ConformanceTarget newTarget(ProviderCallback callback) throws Exception;

    @Before
    public final void startTarget() throws Exception {
        target = newTarget(pushes);
        Poller poller = new Poller(target);
        sending = new SendingChecks(target, poller);
        statuses = new StatusChecks(target, poller, pushes);
        inbound = new InboundChecks(target, poller, pushes);
    }

    @After
    public final void stopTarget() throws Exception {
        if (target != null) {
            target.close();
        }
    }

    // ------------------------------------------------------------------ the checks

    @Test
    public void unicodeBodiesArriveExactlyBothWays() throws Throwable {
        check(Check.UNICODE_ROUND_TRIP, () -> inbound.unicodeRoundTrip(UNICODE_BODIES));
    }

    @Test
    public void testSaysOkBadCredentialsAndUnreachableApart() throws Throwable {
        check(Check.CREDENTIAL_OUTCOMES, sending::credentialOutcomes);
    }

    @Test
    public void aLostAnswerNeverBecomesASecondText() throws Throwable {
        check(Check.LOST_ANSWER_NOT_TWICE, sending::lostAnswerNotTwice);
    }

    @Test
    public void aLostAnswerIsFoundOrReportedAsOutcomeUnknown() throws Throwable {
        check(Check.LOST_ANSWER_REPORTED, sending::lostAnswerReported);
    }

    @Test
    public void statusesOnlyMoveForward() throws Throwable {
        check(Check.STATUSES_FORWARD, statuses::forward);
    }

    @Test
    public void aFailedTextCarriesThePlainReasonAndTheProviderCode() throws Throwable {
        check(Check.FAILED_STATUS_REASON, statuses::failedReason);
    }

    @Test
    public void theSameInboundTextIsReadOnceAndKeepsItsId() throws Throwable {
        check(Check.INBOUND_ONCE, inbound::once);
    }

    @Test
    public void aForgedPushIsRefusedAndAGenuineOneTaken() throws Throwable {
        check(Check.FORGED_PUSH_REFUSED, inbound::forgedPushRefused);
    }

    @Test
    public void aBacklogLargerThanOnePollIsReadCompletelyOnceOldestFirst() throws Throwable {
        check(Check.BACKLOG_COMPLETE, inbound::backlogComplete);
    }

    @Test
    public void aThrottledSendIsNotSentAndSaysWhenToRetry() throws Throwable {
        check(Check.THROTTLED, sending::throttled);
    }

    // ------------------------------------------------------------------ the mechanism

    /** The body of a check. */
    protected interface CheckBody {
        void run() throws Exception;
    }

    /**
     * Runs one check and reports it (a provider's own extra checks may use it too). A check the
     * target declared not supported is still run: if it fails, the test is skipped with the
     * declared reason (and reported so); if it passes, the test fails, because the declaration
     * is out of date.
     */
    protected final void check(Check check, CheckBody body) throws Throwable {
        ConformanceRunner.run(target, check, body);
    }
}
