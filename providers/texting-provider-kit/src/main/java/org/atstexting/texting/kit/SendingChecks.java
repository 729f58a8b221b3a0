package org.atstexting.texting.kit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.List;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;

/** The checks of sending and Test: {@link Check#CREDENTIAL_OUTCOMES}, the lost answer, {@link Check#THROTTLED}. */
final class SendingChecks {

    private final ConformanceTarget target;
    private final Poller poller;

    SendingChecks(ConformanceTarget target, Poller poller) {
        this.target = target;
        this.poller = poller;
    }

    void credentialOutcomes() throws Exception {
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
    }

    void lostAnswerNotTwice() throws Exception {
        target.loseNextSendAnswer();
        String body = "Are you free Tuesday at 10? (lost answer)";
        try {
            poller.send(body);
        } catch (ProviderException e) {
            // the kind is LOST_ANSWER_REPORTED's business; here only the count matters
        }
        assertEquals("texts the fake stored", List.of(body), target.sentBodies());
    }

    void lostAnswerReported() throws Exception {
        target.loseNextSendAnswer();
        try {
            ProviderReceipt receipt = poller.send("Are you free Wednesday? (lost answer)");
            assertNotNull(receipt.providerMessageId());
        } catch (ProviderException e) {
            assertEquals("a lost answer is 'outcome unknown', never a plain failure the caller may retry: "
                    + e.getMessage(), Kind.OUTCOME_UNKNOWN, e.kind());
        }
    }

    void throttled() throws Exception {
        target.throttleNextSend(120);
        Instant before = Instant.now();
        try {
            poller.send("Throttled, please retry later");
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
    }
}
