package org.atstexting.texting.core.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The local hours in which bulk jobs may text, e.g. 08:00 to 20:00 at the recipient's
 * time zone. A window may cross midnight (22:00 to 06:00); equal start and end turns quiet
 * hours off. The recipient's zone is the configured one (the system's by default): the core
 * does not derive zones from numbers (libphonenumber's time-zone mapper ships in the
 * separate geocoder fragment, not installed).
 */
final class QuietHours {

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;

    QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
        this.start = start;
        this.end = end;
        this.zone = zone;
    }

    static QuietHours of(CoreConfiguration config) {
        ZoneId zone;
        try {
            zone = config.sendWindowZone() == null || config.sendWindowZone().isBlank() ? ZoneId.systemDefault()
                    : ZoneId.of(config.sendWindowZone().strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Quiet hours: '" + config.sendWindowZone()
                    + "' is not a time zone; use e.g. America/New_York", e);
        }
        return new QuietHours(time(config.sendWindowStart(), "start"), time(config.sendWindowEnd(), "end"), zone);
    }

    private static LocalTime time(String value, String which) {
        try {
            return LocalTime.parse(value.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Quiet hours: the " + which + " '" + value + "' is not a time like 08:00",
                    e);
        }
    }

    /** The time zone a number's local time is read in. */
    ZoneId zoneOf(String e164) {
        return zone;
    }

    boolean isOff() {
        return start.equals(end);
    }

    /** {@code now} if a text may go to a recipient in {@code zone} now, else when the window next opens. */
    Instant nextAllowed(Instant now, ZoneId recipientZone) {
        if (isOff()) {
            return now;
        }
        ZonedDateTime local = now.atZone(recipientZone);
        LocalTime t = local.toLocalTime();
        boolean open = start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        if (open) {
            return now;
        }
        ZonedDateTime opens = local.with(start);
        if (!opens.isAfter(local)) {
            opens = local.plusDays(1).with(start);
        }
        return opens.toInstant();
    }

    @Override
    public String toString() {
        return isOff() ? "no quiet hours" : start + "-" + end + " " + zone;
    }
}
