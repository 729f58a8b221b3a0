package org.atstexting.texting.core.internal.credentials;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.junit.Test;

public class UsernameRuleTest {

    @Test
    public void acceptsLettersDigitsDotsAndUnderscores() throws Exception {
        assertEquals("2065550101", UsernameRule.check(" 2065550101 "));
        assertEquals("alice.recruiter_2", UsernameRule.check("alice.recruiter_2"));
    }

    @Test
    public void refusesEachSpecialCharacterTheGuideNamesAndSaysWhichOne() {
        assertRefused("alice@example.com", "'@'");
        assertRefused("(206)5550101", "'(' (parenthesis)");
        assertRefused("206)5550101", "')' (parenthesis)");
        assertRefused("206-555-0101", "'-' (dash or hyphen)");
        assertRefused("alice smith", "a space");
    }

    @Test
    public void refusesBlank() {
        assertRefused("  ", "required");
    }

    private static void assertRefused(String username, String named) {
        try {
            UsernameRule.check(username);
            fail(username + " should be refused");
        } catch (TextingException e) {
            assertEquals(Reason.INVALID_INPUT, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains(named));
        }
    }
}
