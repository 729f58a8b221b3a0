package org.atstexting.texting.web.internal;

import static org.atstexting.texting.web.internal.JsonBodies.MAX_BULK_RECORDS;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_NAME;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_RECORD;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_TEXT;

import java.util.List;

import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.RecordRef;

/**
 * Bulk jobs: {@code bulk} (GET the caller's jobs, POST a job of at most
 * {@value JsonBodies#MAX_BULK_RECORDS} records), {@code bulk/<id>},
 * {@code bulk/<id>/recipients}, {@code bulk/<id>/cancel}.
 */
final class BulkEndpoints {

    private final BulkTextingService bulk;

    BulkEndpoints(BulkTextingService bulk) {
        this.bulk = bulk;
    }

    void register(Router router) {
        router.get("bulk", call -> call.page(bulk.jobs(call.user())))
                .post("bulk", this::start)
                .get("bulk/{id}", call -> bulk.job(call.user(), call.path("id")))
                .get("bulk/{id}/recipients", call -> call.page(bulk.recipients(call.user(), call.path("id"))))
                .post("bulk/{id}/cancel", call -> bulk.cancel(call.user(), call.path("id")));
    }

    private Object start(Call call) throws Exception {
        JsonInput body = call.body("records", "body", "template", "provider");
        List<String> records = body.lines("records", MAX_BULK_RECORDS, MAX_RECORD);
        if (records == null || records.isEmpty()) {
            throw WebRefusal.badInput("'records' is required, e.g. [\"employee:1001\"]");
        }
        return bulk.start(new BulkRequest(call.user(), body.line("provider", MAX_NAME),
                records.stream().map(RecordRef::parse).toList(), body.text("body", MAX_TEXT),
                body.line("template", MAX_NAME)));
    }
}
