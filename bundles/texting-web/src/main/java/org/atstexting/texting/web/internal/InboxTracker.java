package org.atstexting.texting.web.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.atstexting.texting.TextingEvents;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * A recruiter's inbox: the replies that reached her account, newest first, and which she
 * has read. Fed by {@link TextingEvents#RECEIVED} (each text is announced once), the
 * newest {@value #MAX_PER_USER} per user, kept in memory on this node: after a restart the
 * inbox starts empty while every reply stays on its records.
 */
@Component(service = {InboxTracker.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + TextingEvents.RECEIVED)
public final class InboxTracker implements EventHandler {

    static final int MAX_PER_USER = 500;

    /** One reply in an inbox. */
    record Entry(String messageKey, boolean unread) {
    }

    private static final class Box {
        final Deque<String> keys = new ArrayDeque<>();
        final Set<String> unread = new HashSet<>();
    }

    private final Map<String, Box> boxes = new ConcurrentHashMap<>();

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(TextingEvents.USER_ID) instanceof String user
                && event.getProperty(TextingEvents.MESSAGE_KEY) instanceof String key) {
            add(user, key);
        }
    }

    void add(String user, String key) {
        Box box = boxes.computeIfAbsent(user, u -> new Box());
        synchronized (box) {
            if (box.keys.contains(key)) {
                return;
            }
            box.keys.addFirst(key);
            box.unread.add(key);
            while (box.keys.size() > MAX_PER_USER) {
                box.unread.remove(box.keys.removeLast());
            }
        }
    }

    /** The user's replies, newest first. */
    List<Entry> entries(String user) {
        Box box = boxes.get(user);
        if (box == null) {
            return List.of();
        }
        synchronized (box) {
            List<Entry> result = new ArrayList<>(box.keys.size());
            box.keys.forEach(k -> result.add(new Entry(k, box.unread.contains(k))));
            return result;
        }
    }

    /** @return whether the reply was in the user's inbox */
    boolean markRead(String user, String key) {
        Box box = boxes.get(user);
        if (box == null) {
            return false;
        }
        synchronized (box) {
            box.unread.remove(key);
            return box.keys.contains(key);
        }
    }
}
