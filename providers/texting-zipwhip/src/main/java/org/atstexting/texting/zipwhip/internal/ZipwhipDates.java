package org.atstexting.texting.zipwhip.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import com.google.gson.JsonObject;

/**
 * Zipwhip's dates ({@code dateCreated}, {@code lastUpdated}), whose format is not confirmed: both
 * formats the facts allow are read, and an unreadable date never silently becomes "now".
 */
final class ZipwhipDates {

    private static final Logger LOG = Logger.getLogger(ZipwhipDates.class.getName());
    private static final RefusalLog UNREADABLE_DATES = new RefusalLog(LOG, "Zipwhip message ");
    /** Zipwhip's own Java client's date pattern, {@code MMM d, yyyy h:mm:ss aaa}, in US English. */
    static final DateTimeFormatter CLIENT_PATTERN = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("MMM d, yyyy h:mm:ss a").toFormatter(Locale.US);

    private ZipwhipDates() {
    }

    /** When the message was created, if Zipwhip's date reads; see {@link #date}. */
    static Optional<Instant> created(JsonObject message) {
        return date(ZipwhipMessages.text(message, "dateCreated"));
    }

    /**
     * The creation date, or (documented fallback) the moment we read the message: an
     * unreadable date keeps the message rather than losing a reply, is logged, orders
     * nothing (messages are ordered by id) and never bounds a look-up window (callers use
     * {@link #created}).
     */
    static Instant createdOrRead(JsonObject message) {
        Optional<Instant> created = created(message);
        if (created.isEmpty()) {
            String raw = ZipwhipMessages.text(message, "dateCreated");
            // at most one WARNING a minute: a Zipwhip that writes another format would otherwise flood the log
            UNREADABLE_DATES.refused(ZipwhipMessages.id(message) + " has a dateCreated that does not read (" + LogText.sanitize(raw)
                    + "); it is kept, dated when it was read");
        }
        return created.orElseGet(Instant::now);
    }

    static Instant updated(JsonObject message) {
        return date(ZipwhipMessages.text(message, "lastUpdated")).orElseGet(() -> createdOrRead(message));
    }

    /**
     * Zipwhip's dates are strings whose format is not confirmed: ISO-8601 (with an offset, as
     * an instant, or local, read as UTC), or the pattern Zipwhip's own Java client tried first,
     * {@code MMM d, yyyy h:mm:ss aaa} in US English (e.g. {@code Dec 1, 2026 11:37:53 PM}),
     * read as UTC. Anything else is empty: never silently "now".
     */
    static Optional<Instant> date(String date) {
        if (date == null || date.isBlank()) {
            return Optional.empty();
        }
        String d = date.trim();
        try {
            return Optional.of(OffsetDateTime.parse(d).toInstant());
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Optional.of(Instant.parse(d));
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Optional.of(LocalDateTime.parse(d).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            return Optional.of(LocalDateTime.parse(d, CLIENT_PATTERN).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
