package org.atstexting.texting;

import static org.junit.Assert.assertEquals;

import org.atstexting.texting.SegmentCount.Encoding;
import org.junit.Test;

public class SegmentCountTest {

    @Test
    public void gsm7FitsOneSegmentUpTo160ThenSplitsBy153() {
        assertEquals(new SegmentCount(Encoding.GSM_7, 0, 0), SegmentCount.of(""));
        assertEquals(new SegmentCount(Encoding.GSM_7, 160, 1), SegmentCount.of("a".repeat(160)));
        assertEquals(new SegmentCount(Encoding.GSM_7, 161, 2), SegmentCount.of("a".repeat(161)));
        assertEquals(new SegmentCount(Encoding.GSM_7, 306, 2), SegmentCount.of("a".repeat(306)));
        assertEquals(new SegmentCount(Encoding.GSM_7, 307, 3), SegmentCount.of("a".repeat(307)));
    }

    @Test
    public void extensionCharactersCountTwice() {
        assertEquals(new SegmentCount(Encoding.GSM_7, 160, 1), SegmentCount.of("€".repeat(80)));
        assertEquals(new SegmentCount(Encoding.GSM_7, 161, 2), SegmentCount.of("a".repeat(159) + "["));
        assertEquals(new SegmentCount(Encoding.GSM_7, 4, 1), SegmentCount.of("{}"));
    }

    @Test
    public void oneCharacterOutsideGsm7MakesTheWholeTextUcs2() {
        assertEquals(new SegmentCount(Encoding.UCS_2, 70, 1), SegmentCount.of("a".repeat(69) + "ç"));
        assertEquals(new SegmentCount(Encoding.UCS_2, 71, 2), SegmentCount.of("a".repeat(70) + "ç"));
        assertEquals(new SegmentCount(Encoding.UCS_2, 134, 2), SegmentCount.of("Ж".repeat(134)));
        assertEquals(new SegmentCount(Encoding.UCS_2, 135, 3), SegmentCount.of("Ж".repeat(135)));
    }

    @Test
    public void emojiOutsideTheBmpTakeTwoUnits() {
        assertEquals(new SegmentCount(Encoding.UCS_2, 2, 1), SegmentCount.of("😀"));
        assertEquals(new SegmentCount(Encoding.UCS_2, 70, 1), SegmentCount.of("😀".repeat(35)));
        assertEquals(new SegmentCount(Encoding.UCS_2, 72, 2), SegmentCount.of("😀".repeat(36)));
    }

    @Test
    public void gsmSpecificLettersStayGsm7() {
        assertEquals(Encoding.GSM_7, SegmentCount.of("Ünicödé? Ñoño ßÉ £5 @home ¿Què? ¡Sì!").encoding());
    }

    @Test
    public void lettersOutsideGsm7AreUcs2EvenIfTheyLookAlike() {
        assertEquals(Encoding.UCS_2, SegmentCount.of("Sí").encoding()); // í is not GSM-7, ì is
        assertEquals(Encoding.UCS_2, SegmentCount.of("naïve").encoding());
    }
}
