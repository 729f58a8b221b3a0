package org.atstexting.fake.textus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the fake keeps: accounts, users and their tokens, messages, conversations, opt-outs and
 * webhook integrations. Every field is read and written under {@link #lock}.
 */
final class FakeStore {

    /** What TextUs sends to an integration that did not choose (its documentation: only these two). */
    static final Set<String> DEFAULT_ACTIONS = Set.of("message.delivered", "message.received");

    record User(String id, String account) {
    }

    record Integration(String id, String account, String baseUrl, String secret, Map<String, Boolean> actions) {
        boolean subscribed(String action) {
            Boolean chosen = actions.get(action);
            return chosen != null ? chosen : DEFAULT_ACTIONS.contains(action);
        }
    }

    final Object lock = new Object();
    final Map<String, String> accountNumbers = new LinkedHashMap<>();
    final Map<String, User> tokens = new HashMap<>();
    final List<FakeMessage> messages = new ArrayList<>();
    final Map<String, Map<String, String>> conversations = new HashMap<>(); // account -> contact -> conversation id
    final Map<String, Map<String, Instant>> optOuts = new HashMap<>(); // account -> number -> since
    final List<Integration> integrations = new ArrayList<>();
    int pageSize = 25;
    private long ids;
    private Instant last = Instant.EPOCH;

    /** A new resource id with that prefix, e.g. {@code /messages/M1a}. Under the lock. */
    String nextId(String prefix) {
        return prefix + Long.toString(++ids, 36);
    }

    /** The conversation of an account with a contact, made on first use. Under the lock. */
    String conversation(String account, String contact) {
        return conversations.computeIfAbsent(account, a -> new HashMap<>())
                .computeIfAbsent(contact, c -> nextId("/conversations/C"));
    }

    /** The index of a message in {@link #messages}. Under the lock. */
    int indexOf(String messageId) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).id().equals(messageId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No message " + messageId);
    }

    /** Strictly increasing times, so the order of events is never a tie. Under the lock. */
    Instant tick() {
        Instant now = Instant.now();
        last = now.isAfter(last) ? now : last.plusMillis(1);
        return last;
    }

    /** Forgets messages, conversations, opt-outs and integrations; accounts and users stay. */
    void clear() {
        synchronized (lock) {
            messages.clear();
            conversations.clear();
            optOuts.clear();
            integrations.clear();
        }
    }
}
