package org.atstexting.texting.core.internal.bulk;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.atstexting.texting.host.HostRecord;

/**
 * The local hours in which bulk jobs may text, e.g. 08:00 to 20:00 at the recipient's
 * time zone. A window may cross midnight (22:00 to 06:00); equal start and end turns quiet
 * hours off. The recipient's zone is the one the host gives for the record (the record field
 * {@value #ZONE_FIELD}, an IANA id such as America/Chicago) where known, else the configured
 * one (the system's by default). Zones are not derived from numbers: libphonenumber's
 * time-zone mapper ships in the separate geocoder fragment, not installed, and an area
 * code says little about where a mobile phone is.
 */
public final class QuietHours {

    /** The host record field that names the recipient's time zone. */
    public static final String ZONE_FIELD = "timeZone";

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;

    QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
        this.start = start;
        this.end = end;
        this.zone = zone;
    }

    public static QuietHours of(BulkConfiguration config) {
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

    /** The zone the host gives for a record, if it gives a valid one. */
    public static Optional<ZoneId> zoneOf(HostRecord record) {
        String id = record.fields().get(ZONE_FIELD);
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id.strip()));
        } catch (DateTimeException e) {
            return Optional.empty(); // a host's typo must not stop the job: the configured zone applies
        }
    }

    /** The zone a recipient's local time is read in: the stored one, else the configured one. */
    public ZoneId zone(String storedZone) {
        return storedZone == null ? zone : ZoneId.of(storedZone);
    }

    public boolean isOff() {
        return start.equals(end);
    }

    /** {@code now} if a text may go to a recipient in {@code zone} now, else when the window next opens. */
    public Instant nextAllowed(Instant now, ZoneId recipientZone) {
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
