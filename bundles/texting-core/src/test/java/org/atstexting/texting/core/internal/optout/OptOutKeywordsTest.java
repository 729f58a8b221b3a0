package org.atstexting.texting.core.internal.optout;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;

import org.atstexting.texting.core.internal.optout.OptOutKeywords.Keyword;
import org.junit.Test;

public class OptOutKeywordsTest {

    @Test
    public void everyOptOutWordInAnyCaseWithSurroundingSpaceOptsOut() {
        for (String word : List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPT OUT")) {
            for (String text : List.of(word, word.toLowerCase(), "  " + capitalise(word) + " \n", "\t" + word)) {
                assertEquals(text, Optional.of(Keyword.OPT_OUT), OptOutKeywords.classify(text));
            }
        }
        assertEquals(Optional.of(Keyword.OPT_OUT), OptOutKeywords.classify("opt   out"));
    }

    @Test
    public void startUnstopAndYesOptBackIn() {
        for (String text : List.of("START", "start", " Unstop ", "YES", "yes")) {
            assertEquals(text, Optional.of(Keyword.OPT_IN), OptOutKeywords.classify(text));
        }
    }

    @Test
    public void helpAndInfoAskForHelp() {
        for (String text : List.of("HELP", "help", " Info ")) {
            assertEquals(text, Optional.of(Keyword.HELP), OptOutKeywords.classify(text));
        }
    }

    @Test
    public void nearMissesAreOrdinaryRepliesForAPerson() {
        for (String text : List.of("Stop. Thank you", "please stop", "STOP!", "stop texting me", "Don't stop",
                "STOPP", "ST OP", "unsubscribe me", "yes please", "Yes, Tuesday works", "endless", "help me",
                "OPTOUT", "", "   ")) {
            assertEquals(text, Optional.empty(), OptOutKeywords.classify(text));
        }
        assertEquals(Optional.empty(), OptOutKeywords.classify(null));
    }

    @Test
    public void providerRefusalsThatSayOptedOutAreRecognised() {
        assertTrue(OptOutKeywords.isProviderOptOut("Attempt to send to unsubscribed recipient (21610)"));
        assertTrue(OptOutKeywords.isProviderOptOut("The recipient has opted out"));
        assertFalse(OptOutKeywords.isProviderOptOut("Invalid 'To' phone number"));
        assertFalse(OptOutKeywords.isProviderOptOut(null));
    }

    private static String capitalise(String word) {
        return word.charAt(0) + word.substring(1).toLowerCase();
    }
}
