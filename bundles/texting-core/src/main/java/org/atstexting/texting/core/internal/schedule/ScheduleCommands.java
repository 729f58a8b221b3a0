package org.atstexting.texting.core.internal.schedule;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.ScheduleRequest;
import org.atstexting.texting.ScheduledText;
import org.atstexting.texting.ScheduledTextService;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextingException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands (scope {@code texting}) for scheduled texts and bulk jobs. Every command
 * names the acting user and goes through the same checks as any other caller.
 */
@Component(service = ScheduleCommands.class, property = {
        "osgi.command.scope=texting",
        "osgi.command.function=schedule", "osgi.command.function=schedulebulk",
        "osgi.command.function=scheduled", "osgi.command.function=unschedule" })
public final class ScheduleCommands {

    private final ScheduledTextService scheduled;

    @Activate
    public ScheduleCommands(@Reference ScheduledTextService scheduled) {
        this.scheduled = scheduled;
    }

    @Descriptor("schedule a text to a record or a number")
    public String schedule(@Descriptor("acting user id") String user,
            @Descriptor("when, e.g. 2026-12-03T15:00:00Z") String when,
            @Descriptor("record e.g. employee:1001, or a number") String recordOrNumber,
            @Descriptor("message words") String... words) {
        return attempt(() -> {
            String body = String.join(" ", words);
            SendRequest text = recordOrNumber.contains(":")
                    ? SendRequest.fromRecord(user, RecordRef.parse(recordOrNumber), body)
                    : SendRequest.toNumber(user, recordOrNumber, body);
            return describe(scheduled.schedule(ScheduleRequest.text(Instant.parse(when), text)));
        });
    }

    @Descriptor("schedule one message to many records (a bulk job that starts at that time)")
    public String schedulebulk(@Descriptor("acting user id") String user,
            @Descriptor("when, e.g. 2026-12-03T15:00:00Z") String when,
            @Descriptor("records: employee:1,contact:2") String records, @Descriptor("message words") String... words) {
        return attempt(() -> {
            List<RecordRef> refs = Arrays.stream(records.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .map(RecordRef::parse).toList();
            return describe(scheduled.schedule(ScheduleRequest.bulk(Instant.parse(when),
                    BulkRequest.message(user, refs, String.join(" ", words)))));
        });
    }

    @Descriptor("list scheduled texts and bulk jobs (a user's own; all for admins)")
    public String scheduled(@Descriptor("acting user id") String user) {
        return attempt(() -> {
            List<ScheduledText> all = scheduled.scheduled(user);
            return all.isEmpty() ? "Nothing scheduled"
                    : all.stream().map(ScheduleCommands::describe).collect(Collectors.joining("\n"));
        });
    }

    @Descriptor("cancel a scheduled text or bulk job that has not gone yet")
    public String unschedule(@Descriptor("acting user id") String user, @Descriptor("scheduled id") String id) {
        return attempt(() -> describe(scheduled.cancel(user, id)));
    }

    static String describe(ScheduledText s) {
        return s.id() + "  " + s.kind() + "  " + s.state() + "  at " + s.sendAt() + "  " + s.description()
                + (s.outcome() != null ? "  -> " + s.outcome() : "") + (s.detail() != null ? "  (" + s.detail() + ")" : "");
    }

    /** A command's work, which may be refused. */
    interface Attempt {
        String run() throws TextingException;
    }

    /** A refusal as a plain line, not a stack trace. */
    static String attempt(Attempt attempt) {
        try {
            return attempt.run();
        } catch (TextingException e) {
            return "Refused (" + e.reason() + "): " + e.getMessage();
        } catch (DateTimeParseException e) {
            return "Refused: '" + e.getParsedString() + "' is not a time like 2026-12-03T15:00:00Z";
        } catch (IllegalArgumentException e) {
            return "Refused: " + e.getMessage();
        }
    }
}
