package org.atstexting.texting.core.internal.bulk;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient.SkipReason;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.MissingMergeFieldException;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;

/**
 * Turns a request into a job checked whole before anything is stored: the sender through
 * the {@link SendGate}, every record's number normalised and deduplicated, ineligible
 * recipients skipped with a {@link SkipReason}, templates filled in. A template field missing
 * for any record refuses the whole job.
 */
final class BulkPlanner {

    /** A job and its recipients, ready to be stored. */
    record Plan(StoredJob job, List<StoredRecipient> recipients) {
    }

    private final SendGate gate;
    private final HostRecords records;
    private final TemplateService templates;
    private final Clock clock;

    BulkPlanner(SendGate gate, HostRecords records, TemplateService templates, Clock clock) {
        this.gate = gate;
        this.records = records;
        this.templates = templates;
        this.clock = clock;
    }

    Plan plan(BulkRequest request) throws TextingException {
        return plan(request, UUID.randomUUID().toString());
    }

    /** @param jobId the new job's id */
    Plan plan(BulkRequest request, String jobId) throws TextingException {
        String user = request.actingUserId();
        gate.requireCanText(user);
        if (request.records().isEmpty()) {
            throw new TextingException(Reason.INVALID_INPUT, "A bulk text needs at least one record");
        }
        String provider = gate.requireSender(user, request.provider());
        String template = request.templateName();
        String body = null;
        if (template != null) {
            template = templates.template(user, template).orElseThrow(() -> new TextingException(
                    Reason.RECORD_NOT_FOUND, "There is no template '" + request.templateName() + "'")).name();
        } else {
            body = gate.checkBody(request.body());
        }
        Instant now = clock.instant();
        List<StoredRecipient> recipients = new ArrayList<>();
        Map<String, RecordRef> firstWithNumber = new HashMap<>();
        List<MissingMergeFieldException> missing = new ArrayList<>();
        for (RecordRef ref : request.records()) {
            recipients.add(recipient(recipients.size(), ref, user, template, firstWithNumber, missing, now));
        }
        if (!missing.isEmpty()) {
            MissingMergeFieldException first = missing.get(0);
            throw new MissingMergeFieldException(first.field(), first.record(), first.getMessage()
                    + (missing.size() > 1 ? " " + missing.size() + " records lack a merge field." : "")
                    + " The bulk job was not started.");
        }
        String description = template != null ? "template " + template
                : body.length() > 40 ? body.substring(0, 40) + "..." : body;
        StoredJob job = new StoredJob(jobId, user, provider, description, now,
                BulkJob.State.RUNNING, recipients.size(), body, template, 0, 0, 0);
        return new Plan(job, recipients);
    }

    private StoredRecipient recipient(int index, RecordRef ref, String user, String template,
            Map<String, RecordRef> firstWithNumber, List<MissingMergeFieldException> missing, Instant now)
            throws TextingException {
        String key = ref.toString();
        Optional<HostRecord> found = records.record(ref);
        if (found.isEmpty()) {
            return StoredRecipient.skipped(index, key, null, SkipReason.RECORD_NOT_FOUND, "There is no record " + ref,
                    now);
        }
        HostRecord record = found.get();
        if (record.phoneNumber() == null || record.phoneNumber().isBlank()) {
            return StoredRecipient.skipped(index, key, null, SkipReason.NO_NUMBER,
                    record.displayName() + " has no phone number", now);
        }
        String number;
        try {
            number = gate.toE164(record.phoneNumber());
        } catch (TextingException e) {
            return StoredRecipient.skipped(index, key, null, SkipReason.INVALID_NUMBER, e.getMessage(), now);
        }
        RecordRef first = firstWithNumber.putIfAbsent(number, ref);
        if (first != null) {
            return StoredRecipient.skipped(index, key, number, SkipReason.DUPLICATE_NUMBER,
                    number + " is texted once, for " + first, now);
        }
        if (gate.isOptedOut(number)) {
            return StoredRecipient.skipped(index, key, number, SkipReason.OPTED_OUT, gate.optOutDetail(number), now);
        }
        String text = null;
        if (template != null) {
            try {
                text = templates.preview(user, template, ref).body();
            } catch (MissingMergeFieldException e) {
                missing.add(e);
            } catch (TextingException e) {
                throw new TextingException(e.reason(), "For " + ref + ": " + e.getMessage(), e);
            }
        }
        String zone = QuietHours.zoneOf(record).map(ZoneId::getId).orElse(null);
        return StoredRecipient.pending(index, key, number, text, zone, now);
    }
}
