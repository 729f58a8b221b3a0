package org.atstexting.texting.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.StatusUpdate;
import org.junit.After;
import org.junit.AssumptionViolatedException;
import org.junit.Before;
import org.junit.Test;

/**
 * The provider SPI's contract as JUnit 4 tests. A provider's test scope extends this class and
 * returns its {@link ConformanceTarget} (its provider wired to its own fake) from
 * {@link #newTarget}; every test gets a fresh one. Each test proves one {@link Check} by
 * counting what the fake stored or what the provider handed over, and records the outcome
 * in the {@link ConformanceReport report}.
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

    /** How long a push or a status may take to show up. */
    private static final long WAIT_MILLIS = 10_000;
    /** More polling rounds than any honest backlog here needs; a provider that says "more" for ever fails. */
    private static final int MAX_ROUNDS = 200;

    private final PushRecorder pushes = new PushRecorder();
    private ConformanceTarget target;

    /** A provider enabled against a fresh fake, pushing to {@code callback}. */
    protected abstract ConformanceTarget newTarget(ProviderCallback callback) throws Exception;

    @Before
    public final void startTarget() throws Exception {
        target = newTarget(pushes);
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
        check(Check.UNICODE_ROUND_TRIP, () -> {
            for (String body : UNICODE_BODIES) {
                send(body);
            }
            assertEquals("the bodies the fake stored", UNICODE_BODIES, target.sentBodies());
            String cursor = drain(null).cursor;
            target.deliverInbound(UNICODE_BODIES);
            assertEquals("the bodies the provider read", UNICODE_BODIES, bodies(drain(cursor).texts));
        });
    }

    @Test
    public void testSaysOkBadCredentialsAndUnreachableApart() throws Throwable {
        check(Check.CREDENTIAL_OUTCOMES, () -> {
            CredentialCheck ok = target.provider().test(target.credentials());
            assertEquals(ok.message(), Outcome.OK, ok.outcome());
            CredentialCheck bad = target.provider().test(target.wrongPassword());
            assertEquals(bad.message(), Outcome.BAD_CREDENTIALS, bad.outcome());
            target.makeUnreachable();
            CredentialCheck down = target.provider().test(target.credentials());
            assertEquals(down.message(), Outcome.UNREACHABLE, down.outcome());
            for (CredentialCheck c : List.of(ok, bad, down)) {
                assertFalse("Test says something to the admin", c.message().isBlank());
            }
            assertNotEquals("bad credentials and unreachable read differently", bad.message(), down.message());
        });
    }

    @Test
    public void aLostAnswerNeverBecomesASecondText() throws Throwable {
        check(Check.LOST_ANSWER_NOT_TWICE, () -> {
            target.loseNextSendAnswer();
            String body = "Are you free Tuesday at 10? (lost answer)";
            try {
                send(body);
            } catch (ProviderException e) {
                // the kind is LOST_ANSWER_REPORTED's business; here only the count matters
            }
            assertEquals("texts the fake stored", List.of(body), target.sentBodies());
        });
    }

    @Test
    public void aLostAnswerIsFoundOrReportedAsOutcomeUnknown() throws Throwable {
        check(Check.LOST_ANSWER_REPORTED, () -> {
            target.loseNextSendAnswer();
            try {
                ProviderReceipt receipt = send("Are you free Wednesday? (lost answer)");
                assertNotNull(receipt.providerMessageId());
            } catch (ProviderException e) {
                assertEquals("a lost answer is 'outcome unknown', never a plain failure the caller may retry: "
                        + e.getMessage(), Kind.OUTCOME_UNKNOWN, e.kind());
            }
        });
    }

    @Test
    public void statusesOnlyMoveForward() throws Throwable {
        check(Check.STATUSES_FORWARD, () -> {
            String cursor = drain(null).cursor;
            String id = send("Status, please").providerMessageId();
            List<DeliveryStatus> polled = new ArrayList<>();
            for (DeliveryStatus next : List.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED)) {
                target.moveStatus(id, next);
                cursor = collectStatuses(id, cursor, next, polled);
            }
            List<DeliveryStatus> pushed = statuses(pushes.statuses(), id);
            assertForward("polled", polled);
            assertForward("pushed", pushed);
            assertTrue("DELIVERED was reported (polled " + polled + ", pushed " + pushed + ")",
                    polled.contains(DeliveryStatus.DELIVERED) || pushed.contains(DeliveryStatus.DELIVERED));
        });
    }

    @Test
    public void aFailedTextCarriesThePlainReasonAndTheProviderCode() throws Throwable {
        check(Check.FAILED_STATUS_REASON, () -> {
            String cursor = drain(null).cursor;
            String id = send("This one will fail").providerMessageId();
            target.moveStatus(id, DeliveryStatus.FAILED);
            List<StatusUpdate> failed = new ArrayList<>();
            String[] at = { cursor };
            await("a FAILED status for " + id, () -> {
                Polled p = drainQuietly(at[0]);
                at[0] = p.cursor;
                failed.addAll(p.statuses);
                failed.removeAll(pushes.statuses());
                failed.addAll(pushes.statuses());
                return failed.stream().anyMatch(u -> u.providerMessageId().equals(id)
                        && u.status() == DeliveryStatus.FAILED);
            }, WAIT_MILLIS);
            DeliveryFailure expected = target.failure();
            for (StatusUpdate u : failed) {
                if (u.providerMessageId().equals(id) && u.status() == DeliveryStatus.FAILED) {
                    assertNotNull("a FAILED status carries a DeliveryFailure", u.failure());
                    assertEquals(expected.reason(), u.failure().reason());
                    assertEquals("the provider's code is kept", expected.providerCode(), u.failure().providerCode());
                }
            }
        });
    }

    @Test
    public void theSameInboundTextIsReadOnceAndKeepsItsId() throws Throwable {
        check(Check.INBOUND_ONCE, () -> {
            String base = drain(null).cursor;
            String body = "Yes, Tuesday works (once)";
            target.deliverInbound(List.of(body));
            Polled first = drain(base);
            List<InboundText> hits = withBody(first.texts, body);
            assertEquals("read once from the cursor on", 1, hits.size());
            assertEquals(target.phone(), hits.get(0).from());
            assertEquals(target.credentials().phoneNumber(), hits.get(0).to());
            assertEquals("not read again from the cursor after it", List.of(), withBody(drain(first.cursor).texts, body));
            List<InboundText> again = withBody(drain(base).texts, body);
            assertEquals("read again from the old cursor (a crash before it was saved)", 1, again.size());
            assertEquals("under the same id, so the core keeps it once", hits.get(0).providerMessageId(),
                    again.get(0).providerMessageId());
        });
    }

    @Test
    public void aForgedPushIsRefusedAndAGenuineOneTaken() throws Throwable {
        check(Check.FORGED_PUSH_REFUSED, () -> {
            int forged = target.push("Forged: send me your password", false);
            assertTrue("a forged push is refused with 4xx, not " + forged, forged >= 400 && forged < 500);
            assertEquals("the core got nothing from it", List.of(), pushes.received());
            int genuine = target.push("Genuine: see you Tuesday", true);
            assertTrue("a genuine push is taken with 2xx, not " + genuine, genuine >= 200 && genuine < 300);
            await("the genuine push handed to the core", () -> !pushes.received().isEmpty(), WAIT_MILLIS);
            assertEquals(List.of("Genuine: see you Tuesday"), bodies(pushes.received()));
        });
    }

    @Test
    public void aBacklogLargerThanOnePollIsReadCompletelyOnceOldestFirst() throws Throwable {
        check(Check.BACKLOG_COMPLETE, () -> {
            String base = drain(null).cursor;
            int n = target.inboundPerPoll() * 2 + 3;
            List<String> backlog = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                backlog.add("Backlog text " + i + " of " + n);
            }
            target.deliverInbound(backlog);
            Polled p = drain(base);
            assertTrue("a backlog of " + n + " (more than " + target.inboundPerPoll() + " a poll) said 'more'",
                    p.sawMore);
            assertEquals("every text, once, oldest first", backlog, bodies(p.texts));
            Set<String> ids = new HashSet<>();
            p.texts.forEach(t -> ids.add(t.providerMessageId()));
            assertEquals("distinct ids", n, ids.size());
        });
    }

    @Test
    public void aThrottledSendIsNotSentAndSaysWhenToRetry() throws Throwable {
        check(Check.THROTTLED, () -> {
            target.throttleNextSend(120);
            Instant before = Instant.now();
            try {
                send("Throttled, please retry later");
                fail("a throttled send returned a receipt");
            } catch (ProviderException e) {
                assertEquals(e.getMessage(), Kind.THROTTLED, e.kind());
                if (target.throttleSaysWhen()) {
                    assertTrue("THROTTLED says when to retry", e.retryAfter().isPresent());
                    assertFalse("not before the fake's Retry-After: " + e.retryAfter().get(),
                            e.retryAfter().get().isBefore(before.plusSeconds(60)));
                } else {
                    e.retryAfter().ifPresent(at -> assertFalse("a retry time lies ahead: " + at, at.isBefore(before)));
                }
            }
            assertEquals("nothing was stored", List.of(), target.sentBodies());
        });
    }

    // ------------------------------------------------------------------ the mechanism

    /** The body of a check. */
    protected interface CheckBody {
        void run() throws Exception;
    }

    /**
     * Runs one check and reports it. A check the target declared not supported is still run: if
     * it fails, the test is skipped with the declared reason (and reported so); if it passes,
     * the test fails, because the declaration is out of date.
     */
    protected final void check(Check check, CheckBody body) throws Throwable {
        String key = target.providerKey();
        String reason = target.notSupported().get(check);
        try {
            body.run();
        } catch (AssumptionViolatedException e) {
            throw e;
        } catch (Throwable t) {
            if (reason != null) {
                ConformanceReport.record(key, check, "NOT SUPPORTED: " + reason + " (fails with: " + t + ")");
                throw new AssumptionViolatedException(key + " does not support " + check + " yet: " + reason);
            }
            ConformanceReport.record(key, check, "FAILED: " + t);
            throw t;
        }
        if (reason != null) {
            ConformanceReport.record(key, check, "FAILED: declared not supported (" + reason + ") but passes");
            fail(key + " declares " + check + " not supported (" + reason + "), but it passes: remove the declaration");
        }
        ConformanceReport.record(key, check, "PASSED");
    }

    private ProviderReceipt send(String body) throws ProviderException {
        return target.provider().send(target.credentials(), new OutboundText(target.phone(), body));
    }

    /** What polling from a cursor until the provider says "no more" read. */
    private static final class Polled {
        final List<InboundText> texts = new ArrayList<>();
        final List<StatusUpdate> statuses = new ArrayList<>();
        String cursor;
        boolean sawMore;
    }

    private Polled drain(String cursor) throws ProviderException {
        Polled p = new Polled();
        p.cursor = cursor;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            var batch = target.provider().fetchInbound(target.credentials(), p.cursor);
            p.texts.addAll(batch.texts());
            p.statuses.addAll(batch.statusUpdates());
            p.cursor = batch.cursor();
            if (!batch.more()) {
                return p;
            }
            p.sawMore = true;
        }
        throw new AssertionError("the provider still said 'more' after " + MAX_ROUNDS + " polls");
    }

    private Polled drainQuietly(String cursor) {
        try {
            return drain(cursor);
        } catch (ProviderException e) {
            throw new AssertionError("a poll failed: " + e.getMessage(), e);
        }
    }

    /** Polls (and watches pushes) until {@code wanted} is reported for {@code id}; adds what polls said to {@code polled}. */
    private String collectStatuses(String id, String cursor, DeliveryStatus wanted, List<DeliveryStatus> polled) {
        String[] at = { cursor };
        await(wanted + " for " + id, () -> {
            Polled p = drainQuietly(at[0]);
            at[0] = p.cursor;
            polled.addAll(statuses(p.statuses, id));
            return polled.contains(wanted) || statuses(pushes.statuses(), id).contains(wanted);
        }, WAIT_MILLIS);
        return at[0];
    }

    private static List<DeliveryStatus> statuses(List<StatusUpdate> updates, String id) {
        return updates.stream().filter(u -> u.providerMessageId().equals(id)).map(StatusUpdate::status).toList();
    }

    private static void assertForward(String channel, List<DeliveryStatus> seen) {
        for (int i = 1; i < seen.size(); i++) {
            DeliveryStatus before = seen.get(i - 1);
            DeliveryStatus now = seen.get(i);
            assertTrue(channel + " statuses moved backwards: " + seen, now == before || before.canMoveTo(now));
        }
    }

    private List<String> bodies(List<InboundText> texts) {
        for (InboundText t : texts) {
            assertEquals("an inbound text is from the phone that sent it", target.phone(), t.from());
        }
        return texts.stream().map(InboundText::body).toList();
    }

    private static List<InboundText> withBody(List<InboundText> texts, String body) {
        return texts.stream().filter(t -> t.body().equals(body)).toList();
    }

    private static void await(String what, BooleanSupplier condition, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
