package org.atstexting.texting.core.internal.inbox;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.TextingEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Fills the inboxes from {@link TextingEvents#RECEIVED}: a reply to a user's account goes into
 * that user's inbox. The core announces each text once, on the node whose archive insert counted,
 * and the inbox row is unique per (user, text), so each reply is one entry whichever nodes see it.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + TextingEvents.RECEIVED)
public final class InboxFeed implements EventHandler {

    private static final Logger LOG = Logger.getLogger(InboxFeed.class.getName());

    private final InboxStore store;
    private final Clock clock;

    @Activate
    public InboxFeed(@Reference InboxStore store) {
        this(store, Clock.systemUTC());
    }

    InboxFeed(InboxStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(TextingEvents.USER_ID) instanceof String user
                && event.getProperty(TextingEvents.MESSAGE_KEY) instanceof String key) {
            try {
                store.add(user, key, clock.instant());
            } catch (RuntimeException e) {
                // the reply stays on its records; only its inbox entry is missing
                LOG.log(Level.WARNING, "Could not put a reply in an inbox", e);
            }
        }
    }
}
