package org.atstexting.sandbox.zipwhip.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.atstexting.sandbox.zipwhip.SandboxMessage;

/**
 * Every account's messages, inbound and outbound. Message ids are global and keep increasing,
 * also across {@link #clear()}, so an id a client stored never names a different message; they
 * start from the clock so a restarted sandbox never hands out an id an archive already holds.
 * Thread-safe.
 */
final class MessageStore {

    private final AtomicLong messageIds = new AtomicLong(System.currentTimeMillis() * 1000);
    private final AtomicLong contactIds = new AtomicLong(5000);

    // guarded by this
    private final Map<Long, StoredMessage> byId = new HashMap<>();
    private final Map<String, List<StoredMessage>> byAccount = new HashMap<>();
    private final List<StoredMessage> sent = new ArrayList<>();
    private final Map<String, Long> contacts = new HashMap<>();

    synchronized StoredMessage add(String account, long deviceId, boolean inbound, String other, String body,
            String state) {
        long contactId = contacts.computeIfAbsent(account + ">" + other, k -> contactIds.incrementAndGet());
        StoredMessage m = new StoredMessage(messageIds.incrementAndGet(), account, deviceId, contactId, inbound, other,
                body, fingerprint(account, other), state, now());
        byId.put(m.id, m);
        byAccount.computeIfAbsent(account, k -> new ArrayList<>()).add(m);
        if (!inbound) {
            sent.add(m);
        }
        return m;
    }

    /** @return the message, or null if there is none with that id */
    synchronized StoredMessage get(long id) {
        return byId.get(id);
    }

    /**
     * @return up to {@code limit} of the account's messages, newest first, skipping the
     *         {@code start} newest
     */
    synchronized List<StoredMessage> page(String account, int start, int limit) {
        List<StoredMessage> all = byAccount.getOrDefault(account, List.of());
        List<StoredMessage> page = new ArrayList<>();
        for (int i = all.size() - 1 - start; i >= 0 && page.size() < limit; i--) {
            page.add(all.get(i));
        }
        return page;
    }

    synchronized List<SandboxMessage> of(String account) {
        return byAccount.getOrDefault(account, List.of()).stream().map(StoredMessage::snapshot).toList();
    }

    synchronized List<SandboxMessage> sent() {
        return sent.stream().map(StoredMessage::snapshot).toList();
    }

    synchronized void clear() {
        byId.clear();
        byAccount.clear();
        sent.clear();
        contacts.clear();
    }

    /** A conversation fingerprint: the same for every message between an account and one number. */
    private static String fingerprint(String account, String other) {
        UUID u = UUID.nameUUIDFromBytes((account + ">" + other).getBytes(StandardCharsets.UTF_8));
        return Long.toString(u.getMostSignificantBits() & Long.MAX_VALUE);
    }

    /**
     * Zipwhip's date precision is not confirmed; milliseconds keep a reply that comes in the
     * same second as the text it answers after it on the record (ids give the order always).
     */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
