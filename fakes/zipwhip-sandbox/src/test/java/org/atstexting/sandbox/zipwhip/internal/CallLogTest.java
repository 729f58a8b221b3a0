package org.atstexting.sandbox.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.atstexting.sandbox.zipwhip.SandboxCall;
import org.junit.Test;

public class CallLogTest {

    @Test
    public void keepsTheNewestCalls() {
        CallLog log = new CallLog(3, 100, 1_000_000);
        for (int i = 0; i < 10; i++) {
            log.add("m" + i, Map.of("k", "v"), 200, false);
        }
        assertEquals(List.of("m7", "m8", "m9"), log.all().stream().map(SandboxCall::method).toList());
        assertEquals(3 * 4, log.totalChars());
    }

    @Test
    public void cutsValuesAndNeverSplitsACharacter() {
        CallLog log = new CallLog(10, 5, 1_000_000);
        log.add("m", Map.of("a", "abcdefgh", "b", "abc\uD83D\uDC4Ddef", "d", "ab\uD83D\uDC4Dcdef", "c", "abcde"), 200, false);
        Map<String, String> p = log.all().get(0).params();
        assertEquals("abcd…", p.get("a"));
        assertEquals("abc…", p.get("b")); // the emoji would be cut in half: it goes whole
        assertEquals("ab\uD83D\uDC4D…", p.get("d"));
        assertEquals("abcde", p.get("c"));
    }

    @Test
    public void unauthenticatedCallsKeepLess() {
        CallLog log = new CallLog(10, 1000, 1_000_000);
        log.add("m", Map.of("body", "x".repeat(500)), 200, true);
        assertEquals(CallLog.UNAUTHENTICATED_VALUE_CHARS, log.all().get(0).params().get("body").length());
    }

    @Test
    public void totalCharactersStayUnderTheBudget() {
        CallLog log = new CallLog(1_000_000, 4_096, 100_000);
        for (int i = 0; i < 1_000; i++) {
            log.add("message/send", Map.of("body", "y".repeat(10_000)), 200, false);
        }
        assertTrue(log.totalChars() <= 100_000);
        int kept = log.all().size();
        assertTrue("kept " + kept, kept > 10 && kept < 30);
        long counted = log.all().stream().mapToLong(c -> c.method().length()
                + c.params().entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum()).sum();
        assertEquals(log.totalChars(), counted);
        log.clear();
        assertEquals(0, log.totalChars());
    }
}
