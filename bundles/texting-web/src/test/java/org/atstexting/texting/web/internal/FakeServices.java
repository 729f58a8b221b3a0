package org.atstexting.texting.web.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialTest;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.InboxEntry;
import org.atstexting.texting.InboxService;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;

/** Service fakes that count what reached them: texts sent, credentials saved, bulk jobs started. */
final class FakeServices {

    final List<SendRequest> sent = new ArrayList<>();
    final List<CredentialsInput> saved = new ArrayList<>();
    final List<BulkRequest> bulkStarted = new ArrayList<>();
    final List<org.atstexting.texting.ScheduleRequest> scheduled = new ArrayList<>();
    final List<TextMessage> unmatched = new ArrayList<>();
    /** What {@code TextingService.messages} answers for any record. */
    final List<TextMessage> conversation = new ArrayList<>();
    RuntimeException sendFailure;
    /** What {@code InboxService.inbox} answers; {@code markRead} calls are counted in {@link #markedRead}. */
    final List<InboxEntry> inbox = new ArrayList<>();
    final List<String> markedRead = new ArrayList<>();
    /** What the core keeps as the last test of the system credentials (set by {@code testSystemCredentials}). */
    CredentialTest lastSystemTest;
    /** What the archive finds by key. */
    final Map<String, TextMessage> archived = new HashMap<>();

    final TextingApiServlet servlet;

    FakeServices() {
        TextingService texting = proxy(TextingService.class, Map.of(
                "send", args -> {
                    if (sendFailure != null) {
                        throw sendFailure;
                    }
                    SendRequest request = (SendRequest) args[0];
                    sent.add(request);
                    return new TextMessage("zipwhip", "m" + sent.size(), Direction.OUTBOUND, "+12065550101",
                            "+12065550123", request.body(), Instant.EPOCH, request.actingUserId(), DeliveryStatus.SENT);
                },
                "unmatched", args -> List.copyOf(unmatched),
                "messages", args -> List.copyOf(conversation)));
        CredentialService credentials = proxy(CredentialService.class, Map.of(
                "saveSystemCredentials", args -> {
                    saved.add((CredentialsInput) args[1]);
                    return null;
                },
                "systemCredentials", args -> Optional.empty(),
                "testSystemCredentials", args -> {
                    CredentialCheck check = new CredentialCheck(CredentialCheck.Outcome.OK, "Zipwhip accepted them");
                    lastSystemTest = new CredentialTest(Instant.parse("2026-01-01T00:00:00Z"), check);
                    return check;
                },
                "lastSystemTest", args -> Optional.ofNullable(lastSystemTest)));
        InboxService inboxes = proxy(InboxService.class, Map.of(
                "inbox", args -> List.copyOf(inbox),
                "markRead", args -> {
                    markedRead.add((String) args[1]);
                    return inbox.stream().anyMatch(e -> e.messageKey().equals(args[1]));
                }));
        BulkTextingService bulk = proxy(BulkTextingService.class, Map.of("start", args -> {
            bulkStarted.add((BulkRequest) args[0]);
            return null;
        }));
        TextingPermissions permissions = proxy(TextingPermissions.class, Map.of(
                "canText", args -> true, "canViewMessages", args -> true, "isAdmin", args -> true));
        HostUsers users = proxy(HostUsers.class, Map.of("user",
                args -> Optional.of(new HostUser((String) args[0], "Alice Recruiter", false))));
        TextingApiServlet.Services services = new TextingApiServlet.Services(texting, credentials,
                proxy(OptOutService.class, Map.of()), proxy(TemplateService.class, Map.of()), bulk,
                proxy(MessageArchive.class, Map.of("find", args -> Optional.ofNullable(archived.get(args[0])))),
                permissions, users, proxy(HostRecords.class, Map.of("findByPhone", args -> List.of())),
                proxy(org.atstexting.texting.ScheduledTextService.class, Map.of("schedule", args -> {
                    org.atstexting.texting.ScheduleRequest r = (org.atstexting.texting.ScheduleRequest) args[0];
                    scheduled.add(r);
                    return new org.atstexting.texting.ScheduledText("s-1", r.actingUserId(),
                            r.text() != null ? org.atstexting.texting.ScheduledText.Kind.TEXT
                                    : org.atstexting.texting.ScheduledText.Kind.BULK, r.sendAt(),
                            org.atstexting.texting.ScheduledText.State.SCHEDULED, "x", null, null, r.sendAt());
                })), inboxes);
        servlet = new TextingApiServlet(services, new InstalledProviders());
    }

    FakeHttp.Response call(FakeHttp.Request request) throws Exception {
        FakeHttp.Response response = new FakeHttp.Response();
        servlet.service(request.build(), response.build());
        return response;
    }

    interface Answer {
        Object answer(Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    static <T> T proxy(Class<T> type, Map<String, Answer> answers) {
        Map<String, Answer> copy = new HashMap<>(answers);
        InvocationHandler handler = (p, m, args) -> {
            Answer answer = copy.get(m.getName());
            if (answer == null) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + m.getName());
            }
            return answer.answer(args);
        };
        return (T) Proxy.newProxyInstance(FakeServices.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
