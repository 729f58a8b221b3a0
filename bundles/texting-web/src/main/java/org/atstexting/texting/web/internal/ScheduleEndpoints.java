package org.atstexting.texting.web.internal;

import static org.atstexting.texting.web.internal.JsonBodies.MAX_BULK_RECORDS;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_NAME;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_PHONE;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_RECORD;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_TEXT;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.ScheduleRequest;
import org.atstexting.texting.ScheduledTextService;
import org.atstexting.texting.SendRequest;

/**
 * Scheduled texts and bulk jobs: {@code scheduled} (GET the caller's items, POST one:
 * {@code sendAt} plus a text's {@code record} or {@code to} and {@code body}, or a bulk job's
 * {@code records} and {@code body} or {@code template}), {@code scheduled/<id>/cancel}.
 */
final class ScheduleEndpoints {

    private static final int MAX_TIME = 40;

    private final ScheduledTextService scheduled;

    ScheduleEndpoints(ScheduledTextService scheduled) {
        this.scheduled = scheduled;
    }

    void register(Router router) {
        router.get("scheduled", call -> call.page(scheduled.scheduled(call.user())))
                .post("scheduled", this::schedule)
                .post("scheduled/{id}/cancel", call -> scheduled.cancel(call.user(), call.path("id")));
    }

    private Object schedule(Call call) throws Exception {
        JsonInput body = call.body("sendAt", "record", "to", "records", "body", "template", "provider");
        Instant at = time(body.line("sendAt", MAX_TIME));
        String provider = body.line("provider", MAX_NAME);
        List<String> records = body.lines("records", MAX_BULK_RECORDS, MAX_RECORD);
        if (records != null) {
            if (records.isEmpty()) {
                throw WebRefusal.badInput("'records' is empty; a bulk job needs at least one record");
            }
            return scheduled.schedule(ScheduleRequest.bulk(at, new BulkRequest(call.user(), provider,
                    records.stream().map(RecordRef::parse).toList(), body.text("body", MAX_TEXT),
                    body.line("template", MAX_NAME))));
        }
        String record = body.line("record", MAX_RECORD);
        return scheduled.schedule(ScheduleRequest.text(at, new SendRequest(call.user(), provider,
                record == null ? null : RecordRef.parse(record), body.line("to", MAX_PHONE),
                body.text("body", MAX_TEXT))));
    }

    private static Instant time(String value) {
        if (value == null) {
            throw WebRefusal.badInput("'sendAt' is required, e.g. \"2026-12-03T15:00:00Z\"");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw WebRefusal.badInput("'sendAt' must be a time like \"2026-12-03T15:00:00Z\"");
        }
    }
}
