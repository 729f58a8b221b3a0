package org.atstexting.texting.core.internal.bulk;

import static org.junit.Assert.assertEquals;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.Test;

public class QuietHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private final QuietHours day = new QuietHours(LocalTime.of(8, 0), LocalTime.of(20, 0), NEW_YORK);

    @Test
    public void insideTheWindowTextsGoNow() {
        Instant noon = Instant.parse("2026-03-02T17:00:00Z"); // 12:00 in New York
        assertEquals(noon, day.nextAllowed(noon, NEW_YORK));
        Instant eight = Instant.parse("2026-03-02T13:00:00Z"); // 08:00 sharp
        assertEquals(eight, day.nextAllowed(eight, NEW_YORK));
    }

    @Test
    public void eveningAndNightWaitForEightInTheRecipientsZone() {
        Instant evening = Instant.parse("2026-03-03T01:00:00Z"); // 20:00 on the 2nd in New York
        assertEquals(Instant.parse("2026-03-03T13:00:00Z"), day.nextAllowed(evening, NEW_YORK));
        Instant early = Instant.parse("2026-03-02T10:00:00Z"); // 05:00 in New York
        assertEquals(Instant.parse("2026-03-02T13:00:00Z"), day.nextAllowed(early, NEW_YORK));
        // the same instant is 11:00 in Paris: open there
        assertEquals(early, day.nextAllowed(early, ZoneId.of("Europe/Paris")));
    }

    @Test
    public void theNextOpeningFollowsDaylightSavingTime() {
        Instant night = Instant.parse("2026-03-08T04:00:00Z"); // 23:00 on 7 March (EST); clocks go forward on the 8th
        assertEquals(Instant.parse("2026-03-08T12:00:00Z"), day.nextAllowed(night, NEW_YORK)); // 08:00 EDT
    }

    @Test
    public void aWindowMayCrossMidnightAndEqualEndsTurnItOff() {
        QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("UTC"));
        Instant late = Instant.parse("2026-03-02T23:00:00Z");
        assertEquals(late, night.nextAllowed(late, ZoneId.of("UTC")));
        assertEquals(Instant.parse("2026-03-02T22:00:00Z"), night.nextAllowed(Instant.parse("2026-03-02T12:00:00Z"),
                ZoneId.of("UTC")));
        QuietHours off = new QuietHours(LocalTime.of(8, 0), LocalTime.of(8, 0), ZoneId.of("UTC"));
        assertEquals(late, off.nextAllowed(late, ZoneId.of("UTC")));
    }
}
