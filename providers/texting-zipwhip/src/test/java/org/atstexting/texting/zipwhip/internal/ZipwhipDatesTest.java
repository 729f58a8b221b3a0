package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.util.Optional;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.DateStyle;
import org.atstexting.texting.spi.InboundBatch;
import org.junit.Test;

/** Zipwhip's dates in both forms the facts allow; an unreadable one is never silently "now". */
public class ZipwhipDatesTest extends SandboxTestBase {

    @Test
    public void bothFormatsRead() {
        Instant at = Instant.parse("2026-12-01T23:37:53Z");
        assertEquals(Optional.of(at), ZipwhipDates.date("Dec 1, 2026 11:37:53 PM"));
        assertEquals(Optional.of(at), ZipwhipDates.date("dec 1, 2026 11:37:53 pm"));
        assertEquals(Optional.of(at), ZipwhipDates.date("2026-12-01T23:37:53Z"));
        assertEquals(Optional.of(at), ZipwhipDates.date("2026-12-01T18:37:53-05:00"));
        assertEquals(Optional.of(at), ZipwhipDates.date("2026-12-01T23:37:53"));
        assertEquals(Optional.of(Instant.parse("2026-01-05T09:05:07Z")),
                ZipwhipDates.date("Jan 5, 2026 9:05:07 AM"));
    }

    @Test
    public void anUnreadableDateIsEmptyNotNow() {
        assertEquals(Optional.empty(), ZipwhipDates.date("yesterday-ish"));
        assertEquals(Optional.empty(), ZipwhipDates.date(""));
        assertEquals(Optional.empty(), ZipwhipDates.date(null));
    }

    @Test
    public void repliesKeepZipwhipsDateInItsClientPattern() throws Exception {
        sandbox.setDateStyle(DateStyle.ZIPWHIP_CLIENT_PATTERN);
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        SandboxMessage reply = sandbox.deliverReply(DANA, ALICE, "Yes");
        Thread.sleep(1100); // so "now" could not pass for Zipwhip's date
        InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, cursor);
        assertEquals(1, batch.texts().size());
        // the pattern carries whole seconds
        assertEquals(reply.dateCreated().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                batch.texts().get(0).receivedAt());
    }
}
