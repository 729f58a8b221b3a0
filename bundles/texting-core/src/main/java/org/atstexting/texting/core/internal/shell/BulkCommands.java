package org.atstexting.texting.core.internal.shell;

import static org.atstexting.texting.core.internal.shell.CommandOutcome.attempt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.atstexting.texting.BulkJob;
import org.atstexting.texting.BulkRecipient;
import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.MessageTemplate;
import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.OptOutStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RenderedText;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.TextMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands (scope {@code texting}) for opt-outs, templates and bulk jobs. Every
 * command names the acting user and goes through the same checks as any other caller.
 */
@Component(service = BulkCommands.class, property = {
        "osgi.command.scope=texting",
        "osgi.command.function=optout", "osgi.command.function=optouts", "osgi.command.function=consent",
        "osgi.command.function=templates", "osgi.command.function=settemplate", "osgi.command.function=rmtemplate",
        "osgi.command.function=previewtemplate", "osgi.command.function=sendtemplate",
        "osgi.command.function=bulk", "osgi.command.function=bulktemplate", "osgi.command.function=bulkjobs",
        "osgi.command.function=bulkjob", "osgi.command.function=bulkrecipients", "osgi.command.function=bulkcancel" })
public final class BulkCommands {

    private final OptOutService optOuts;
    private final TemplateService templates;
    private final BulkTextingService bulk;

    @Activate
    public BulkCommands(@Reference OptOutService optOuts, @Reference TemplateService templates,
            @Reference BulkTextingService bulk) {
        this.optOuts = optOuts;
        this.templates = templates;
        this.bulk = bulk;
    }

    @Descriptor("show whether a number or a record's number opted out, with its history")
    public String consent(@Descriptor("acting user id") String user,
            @Descriptor("number, or record e.g. employee:1001") String numberOrRecord) {
        return attempt(() -> describe(numberOrRecord.contains(":")
                ? optOuts.status(user, RecordRef.parse(numberOrRecord)) : optOuts.status(user, numberOrRecord)));
    }

    @Descriptor("list every opted-out number (admins)")
    public String optouts(@Descriptor("acting admin user id") String admin) {
        return attempt(() -> {
            List<OptOutStatus> all = optOuts.optedOut(admin);
            return all.isEmpty() ? "No number opted out"
                    : all.stream().map(BulkCommands::describe).collect(Collectors.joining("\n"));
        });
    }

    @Descriptor("record an opt-out that came another way, e.g. a call (admins)")
    public String optout(@Descriptor("acting admin user id") String admin, @Descriptor("number") String number,
            @Descriptor("note words") String... note) {
        return attempt(() -> describe(optOuts.optOut(admin, number, String.join(" ", note))));
    }

    @Descriptor("list the message templates")
    public String templates(@Descriptor("acting user id") String user) {
        return attempt(() -> {
            List<MessageTemplate> all = templates.templates(user);
            return all.isEmpty() ? "No templates"
                    : all.stream().map(t -> t.name() + ": " + t.body() + "  fields " + t.fields())
                            .collect(Collectors.joining("\n"));
        });
    }

    @Descriptor("create or replace a template; merge fields are written {{firstName}} (admins)")
    public String settemplate(@Descriptor("acting admin user id") String admin, @Descriptor("template name") String name,
            @Descriptor("template words") String... words) {
        return attempt(() -> {
            MessageTemplate t = templates.save(admin, name, String.join(" ", words));
            return "Saved template " + t.name() + " with fields " + t.fields();
        });
    }

    @Descriptor("remove a template (admins)")
    public String rmtemplate(@Descriptor("acting admin user id") String admin, @Descriptor("template name") String name) {
        return attempt(() -> templates.remove(admin, name) ? "Removed" : "There was none");
    }

    @Descriptor("show a template filled in for a record, with its encoding and segments")
    public String previewtemplate(@Descriptor("acting user id") String user, @Descriptor("template name") String name,
            @Descriptor("record, e.g. employee:1001") String record) {
        return attempt(() -> {
            RenderedText r = templates.preview(user, name, RecordRef.parse(record));
            return r.body() + "\n" + r.segments().encoding() + ": " + r.segments().units() + " units, "
                    + r.segments().segments() + " segment(s)";
        });
    }

    @Descriptor("send a template, filled in, to a record")
    public String sendtemplate(@Descriptor("acting user id") String user, @Descriptor("template name") String name,
            @Descriptor("record, e.g. employee:1001") String record) {
        return attempt(() -> {
            TextMessage m = templates.send(user, name, RecordRef.parse(record), null);
            return "Sent " + m.key() + " to " + m.to() + ": " + m.body();
        });
    }

    @Descriptor("text one message to many records in the background")
    public String bulk(@Descriptor("acting user id") String user,
            @Descriptor("records: employee:1,contact:2 or @file with one record per line") String records,
            @Descriptor("message words") String... words) {
        return attempt(() -> describe(bulk.start(BulkRequest.message(user, parse(records), String.join(" ", words)))));
    }

    @Descriptor("text a template, filled in per record, to many records in the background")
    public String bulktemplate(@Descriptor("acting user id") String user,
            @Descriptor("records: employee:1,contact:2 or @file with one record per line") String records,
            @Descriptor("template name") String name) {
        return attempt(() -> describe(bulk.start(BulkRequest.template(user, parse(records), name))));
    }

    @Descriptor("list bulk jobs (a user's own; all for admins)")
    public String bulkjobs(@Descriptor("acting user id") String user) {
        return attempt(() -> {
            List<BulkJob> jobs = bulk.jobs(user);
            return jobs.isEmpty() ? "No bulk jobs"
                    : jobs.stream().map(BulkCommands::describe).collect(Collectors.joining("\n"));
        });
    }

    @Descriptor("show a bulk job's progress")
    public String bulkjob(@Descriptor("acting user id") String user, @Descriptor("job id") String jobId) {
        return attempt(() -> describe(bulk.job(user, jobId)));
    }

    @Descriptor("show what happened to each recipient of a bulk job")
    public String bulkrecipients(@Descriptor("acting user id") String user, @Descriptor("job id") String jobId) {
        return attempt(() -> bulk.recipients(user, jobId).stream().map(BulkCommands::describe)
                .collect(Collectors.joining("\n")));
    }

    @Descriptor("stop a bulk job; recipients not yet texted stay pending")
    public String bulkcancel(@Descriptor("acting user id") String user, @Descriptor("job id") String jobId) {
        return attempt(() -> describe(bulk.cancel(user, jobId)));
    }

    static List<RecordRef> parse(String records) {
        List<String> refs = new ArrayList<>();
        if (records.startsWith("@")) {
            try {
                refs.addAll(Files.readAllLines(Path.of(records.substring(1))));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + records.substring(1) + ": " + e.getMessage());
            }
        } else {
            refs.addAll(List.of(records.split(",")));
        }
        return refs.stream().map(String::strip).filter(s -> !s.isEmpty()).map(RecordRef::parse).toList();
    }

    static String describe(BulkJob j) {
        return String.format("bulk job %s [%s] by %s via %s: %d recipients, %d sent, %d skipped, %d failed, %d pending%s"
                + " (%s)", j.id(), j.state(), j.userId(), j.provider(), j.total(), j.sent(), j.skipped(), j.failed(),
                j.pending(), j.waitingUntil() == null ? "" : ", waiting for quiet hours to end at " + j.waitingUntil(),
                j.description());
    }

    static String describe(BulkRecipient r) {
        return String.format("%5d %-18s %-14s %-8s%s%s", r.index(), r.record(), r.number() == null ? "-" : r.number(),
                r.state(), r.reason() == null ? "" : " " + r.reason() + ": " + r.detail(),
                r.messageKey() == null ? "" : " " + r.messageKey());
    }

    static String describe(OptOutStatus s) {
        StringBuilder out = new StringBuilder(s.number() + (s.optedOut() ? " OPTED OUT since " + s.since()
                : " may be texted" + (s.since() == null ? "" : " (opted in " + s.since() + ")")));
        for (OptOutEvent e : s.history()) {
            out.append("\n  ").append(e.at()).append(' ').append(e.kind()).append(" by ").append(e.source())
                    .append(": ").append(e.cause());
        }
        return out.toString();
    }
}
