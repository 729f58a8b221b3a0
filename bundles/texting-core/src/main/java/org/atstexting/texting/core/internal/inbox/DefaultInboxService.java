package org.atstexting.texting.core.internal.inbox;

import java.time.Clock;
import java.util.List;

import org.atstexting.texting.InboxEntry;
import org.atstexting.texting.InboxService;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Each recruiter's inbox, behind the "View Text Messages" check (screens, JSON and Gogo alike). */
@Component(service = InboxService.class)
public final class DefaultInboxService implements InboxService {

    /** A message key is {@code provider:id}; longer is no key of ours. */
    static final int MAX_KEY = 400;

    private final TextingPermissions permissions;
    private final InboxStore store;
    private final Clock clock;

    @Activate
    public DefaultInboxService(@Reference TextingPermissions permissions, @Reference InboxStore store) {
        this(permissions, store, Clock.systemUTC());
    }

    DefaultInboxService(TextingPermissions permissions, InboxStore store, Clock clock) {
        this.permissions = permissions;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public List<InboxEntry> inbox(String actingUserId) throws TextingException {
        requireViewer(actingUserId);
        return store.entries(actingUserId);
    }

    @Override
    public boolean markRead(String actingUserId, String messageKey) throws TextingException {
        requireViewer(actingUserId);
        if (messageKey == null || messageKey.isEmpty() || messageKey.length() > MAX_KEY) {
            throw new TextingException(Reason.INVALID_INPUT, "A message key is 1 to " + MAX_KEY + " characters");
        }
        return store.markRead(actingUserId, messageKey, clock.instant());
    }

    private void requireViewer(String userId) throws TextingException {
        if (userId == null || !permissions.canViewMessages(userId)) {
            throw new TextingException(Reason.NOT_PERMITTED, "User '" + userId + "' may not see text messages: the "
                    + TextingPermissions.VIEW_MESSAGES_LABEL + " message action is not granted to their group");
        }
    }
}
