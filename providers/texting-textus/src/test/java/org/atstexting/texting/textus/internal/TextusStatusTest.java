package org.atstexting.texting.textus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.atstexting.texting.DeliveryStatus;
import org.junit.Test;

public class TextusStatusTest {

    @Test
    public void statesMapOntoTheForwardOnlyModel() {
        assertEquals(DeliveryStatus.QUEUED, TextusStatus.of("queued"));
        assertEquals(DeliveryStatus.QUEUED, TextusStatus.of("a-word-TextUs-adds-later"));
        assertEquals(DeliveryStatus.QUEUED, TextusStatus.of(null));
        assertEquals(DeliveryStatus.SENT, TextusStatus.of("sent"));
        assertEquals(DeliveryStatus.SENT, TextusStatus.of("unknown"));
        assertEquals(DeliveryStatus.DELIVERED, TextusStatus.of("Delivered"));
        assertEquals(DeliveryStatus.FAILED, TextusStatus.of("failed"));
        assertEquals(DeliveryStatus.RECEIVED, TextusStatus.of("received"));
    }

    @Test
    public void everyFailureHasAReasonARecruiterReadsWithTheCodeKept() {
        assertReason("invalid_number", "not a valid phone number");
        assertReason("landline", "landline");
        assertReason("unreachable", "could not be reached");
        assertReason("carrier_blocked", "carrier blocked or filtered");
        assertReason("carrier_filtered", "carrier blocked or filtered");
        assertReason("opted_out", "opted out");
        assertReason("sender_not_registered", "not registered");
        assertReason("E1234", "could not deliver");
        assertTrue(TextusStatus.reason(null, "failed").contains("gave no reason"));
        assertTrue(TextusStatus.reason("", "unknown").contains("never confirmed"));
    }

    private static void assertReason(String code, String words) {
        String reason = TextusStatus.reason(code, "failed");
        assertTrue(reason, reason.contains(words));
        assertTrue(reason, reason.endsWith("(TextUs code " + code + ")"));
    }
}
