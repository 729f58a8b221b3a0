package org.atstexting.texting.core.internal.sending;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.atstexting.texting.TextingException;
import org.junit.Test;

public class PhoneNumbersTest {

    private final PhoneNumbers numbers = new PhoneNumbers("US");

    @Test
    public void aNumberAsTypedBecomesE164AndStaysSoWhenRemembered() throws Exception {
        assertEquals("+12065550123", numbers.toE164("(206) 555-0123"));
        assertEquals("+12065550123", numbers.toE164("(206) 555-0123"));
        assertEquals("+442071838750", numbers.toE164("+44 20 7183 8750"));
    }

    @Test
    public void anInvalidNumberIsRefusedEveryTimeNeverRemembered() {
        for (int i = 0; i < 2; i++) {
            TextingException e = assertThrows(TextingException.class, () -> numbers.toE164("+1 555 12"));
            assertEquals(TextingException.Reason.INVALID_INPUT, e.reason());
        }
    }

    @Test
    public void moreNumbersThanItRemembersAreEachStillRight() throws Exception {
        for (int i = 0; i < PhoneNumbers.REMEMBERED + 50; i++) {
            String local = String.format("%04d", i % 10_000);
            String area = i < 10_000 ? "206" : "425";
            assertEquals("+1" + area + "555" + local, numbers.toE164("(" + area + ") 555-" + local));
        }
        assertEquals("+12065550007", numbers.toE164("206-555-0007"));
    }
}
