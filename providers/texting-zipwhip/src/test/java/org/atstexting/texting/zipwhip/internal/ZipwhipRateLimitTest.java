package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.junit.Test;

/** A Retry-After longer than a call may wait is refused at once, saying when to try again. */
public class ZipwhipRateLimitTest extends SandboxTestBase {

    @Test
    public void aLongRetryAfterOnASendSaysWhenToTryAgainAndSendsNothing() throws Exception {
        sandbox.injectRateLimit("message/send", 120, 1);
        ProviderException e = expectFailure(() -> provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "hi")));
        assertTrue(e.getMessage(), e.getMessage().contains("asks to wait 120 s: try again after 20"));
        assertTrue(e.getMessage(), e.getMessage().contains("was not sent"));
        assertEquals("not sent, retry later", Kind.THROTTLED, e.kind());
        assertTrue("retry after Zipwhip's 120 s", e.retryAfter().orElseThrow().isAfter(Instant.now().plusSeconds(100)));
        assertEquals("not waited for, not repeated", 1, sandbox.calls("message/send").size());
        assertEquals(0, sandbox.sent().size());
    }

    @Test
    public void ourOwnRateLimitRefusesAsThrottledAndSendsNothing() throws Exception {
        provider.modified(config("sendRatePerSecond", 1, "sendRateWaitMillis", 0));
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "first"));
        ProviderException e = expectFailure(() -> provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "second")));
        assertEquals(Kind.THROTTLED, e.kind());
        assertTrue("says when to try again", e.retryAfter().isPresent());
        assertEquals("only the first reached Zipwhip", 1, sandbox.calls("message/send").size());
        assertEquals(1, sandbox.sent().size());
    }

    @Test
    public void aLongRetryAfterOnAPollSaysWhenToTryAgain() throws Exception {
        sandbox.injectRateLimit("message/list", 600, 1);
        ProviderException e = expectFailure(() -> provider.fetchInbound(ALICE_CREDENTIALS, null));
        assertTrue(e.getMessage(), e.getMessage().contains("asks to wait 600 s"));
        assertEquals(1, sandbox.calls("message/list").size());
    }
}
