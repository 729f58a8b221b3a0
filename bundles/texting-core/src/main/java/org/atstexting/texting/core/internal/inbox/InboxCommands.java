package org.atstexting.texting.core.internal.inbox;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.atstexting.texting.InboxEntry;
import org.atstexting.texting.InboxService;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.archive.MessageArchive;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands for a recruiter's inbox ({@code texting:inbox}, {@code texting:read}), through
 * {@link InboxService} and so through the same checks as the screens and the JSON.
 */
@Component(service = InboxCommands.class, property = {"osgi.command.scope=texting",
        "osgi.command.function=inbox", "osgi.command.function=read"})
public final class InboxCommands {

    private final InboxService inbox;
    private final MessageArchive archive;

    @Activate
    public InboxCommands(@Reference InboxService inbox, @Reference MessageArchive archive) {
        this.inbox = inbox;
        this.archive = archive;
    }

    @Descriptor("show a user's inbox: the replies to her account, newest first (* = unread)")
    public String inbox(@Descriptor("acting user id") String user) {
        try {
            List<InboxEntry> entries = inbox.inbox(user);
            return entries.isEmpty() ? "No replies in the inbox of " + user
                    : entries.stream().map(this::describe).collect(Collectors.joining("\n"));
        } catch (TextingException e) {
            return "Refused (" + e.reason() + "): " + e.getMessage();
        }
    }

    @Descriptor("mark a reply in a user's inbox as read")
    public String read(@Descriptor("acting user id") String user,
            @Descriptor("message key, e.g. zipwhip:1002") String messageKey) {
        try {
            return inbox.markRead(user, messageKey) ? "Read: " + messageKey
                    : "Refused: " + messageKey + " is not in the inbox of " + user;
        } catch (TextingException e) {
            return "Refused (" + e.reason() + "): " + e.getMessage();
        }
    }

    private String describe(InboxEntry entry) {
        Optional<TextMessage> text = archive.find(entry.messageKey());
        // one line per reply: a text's own line breaks would read as other entries
        String words = text.map(m -> " from " + m.from() + ": " + m.body().replaceAll("\\p{Cntrl}", " ")).orElse("");
        return (entry.unread() ? "* " : "  ") + entry.messageKey() + " " + entry.receivedAt() + words;
    }
}
