package org.atstexting.texting.web.internal;

import static org.atstexting.texting.web.internal.JsonBodies.MAX_NAME;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_PHONE;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_RECORD;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_TEXT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.InboxEntry;
import org.atstexting.texting.InboxService;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;

/**
 * Texts: send ({@code messages}), a record's conversation ({@code records/<ref>/messages},
 * with the sender's name and failure reasons), preview, the admins' unmatched list and a
 * recruiter's inbox (the core's {@link InboxService}, the same on every node).
 */
final class MessageEndpoints {

    private final TextingService texting;
    private final MessageArchive archive;
    private final HostUsers users;
    private final HostRecords records;
    private final InboxService inbox;

    MessageEndpoints(TextingService texting, MessageArchive archive, HostUsers users, HostRecords records,
            InboxService inbox) {
        this.texting = texting;
        this.archive = archive;
        this.users = users;
        this.records = records;
        this.inbox = inbox;
    }

    void register(Router router) {
        router.post("messages", this::send)
                .get("records/{record}/messages", call -> call.page(
                        texting.messages(call.user(), call.record("record")).stream().map(this::view).toList()))
                .post("preview", call -> texting.preview(call.user(),
                        java.util.Objects.requireNonNullElse(call.body("body").text("body", MAX_TEXT), "")))
                .get("unmatched", call -> call.page(texting.unmatched(call.user()).stream().map(this::view).toList()))
                .post("unmatched/{key}/assign", this::assign)
                .get("inbox", this::inbox)
                .post("inbox/{key}/read", this::markRead);
    }

    private Object send(Call call) throws Exception {
        JsonInput body = call.body("to", "record", "body", "provider");
        String record = body.line("record", MAX_RECORD);
        SendRequest request = new SendRequest(call.user(), body.line("provider", MAX_NAME),
                record == null ? null : RecordRef.parse(record), body.line("to", MAX_PHONE),
                body.text("body", MAX_TEXT));
        return view(texting.send(request));
    }

    private Object assign(Call call) throws Exception {
        String record = call.body("record").requiredLine("record", MAX_RECORD);
        texting.assignUnmatched(call.user(), call.path("key"), RecordRef.parse(record));
        return Map.of("assigned", call.path("key"));
    }

    /** The replies to the caller's own account, newest first, each with the records it is on. */
    private Object inbox(Call call) throws TextingException {
        List<InboxEntry> entries = call.page(inbox.inbox(call.user()));
        List<Object> result = new ArrayList<>();
        for (InboxEntry entry : entries) {
            Optional<TextMessage> message = archive.find(entry.messageKey());
            if (message.isEmpty()) {
                continue;
            }
            Map<String, Object> json = view(message.get());
            json.put("unread", entry.unread());
            List<Map<String, String>> on = new ArrayList<>();
            for (HostRecord r : records.findByPhone(message.get().from())) {
                on.add(Map.of("record", r.ref().toString(), "name", r.displayName()));
            }
            json.put("records", on);
            result.add(json);
        }
        return entries instanceof PagedList<?> paged ? PagedList.of(result, paged.total, paged.paging) : result;
    }

    private Object markRead(Call call) throws TextingException {
        if (!inbox.markRead(call.user(), call.path("key"))) {
            throw new TextingException(Reason.RECORD_NOT_FOUND, "That text is not in your inbox");
        }
        return Map.of("read", call.path("key"));
    }

    /** A text as pages show it: with who sent it (by name) and why it failed (as archived), when it did. */
    private Map<String, Object> view(TextMessage m) {
        Map<String, Object> json = JsonBodies.message(m);
        json.put("userName", m.userId() == null ? null
                : users.user(m.userId()).map(HostUser::displayName).orElse(m.userId()));
        json.put("failureReason", m.failure() != null ? m.failure().describe() : null);
        return json;
    }
}
