package org.atstexting.sandbox.zipwhip.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accounts and their sessions. A session key is shaped like Zipwhip's, {@code <uuid>:<number>}
 * (zipwhip-api.md), the number being the account's. A refused session answers
 * "Invalid session" (exact text not confirmed; it mentions the session, which is what clients
 * look for). By default changing an account's password leaves its sessions alive, as a real
 * service need not end them; {@link #passwordChangeEndsSessions(boolean)} switches that.
 * Thread-safe.
 */
final class Sessions {

    static final String INVALID_SESSION = "Invalid session";
    static final String BAD_CREDENTIALS = "Invalid username or password";

    private static final class Account {
        final String password;
        final long deviceId;

        Account(String password, long deviceId) {
            this.password = password;
            this.deviceId = deviceId;
        }
    }

    private final AtomicLong deviceIds = new AtomicLong(100);
    private volatile boolean passwordChangeEndsSessions;

    // guarded by this
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, String> sessions = new HashMap<>();

    void passwordChangeEndsSessions(boolean ends) {
        passwordChangeEndsSessions = ends;
    }

    /**
     * Adds an account or changes its password.
     *
     * @return the sessions this ended (only if the password changed and the switch is on)
     */
    synchronized List<String> addAccount(String username, String password) {
        Account existing = accounts.get(username);
        long deviceId = existing == null ? deviceIds.incrementAndGet() : existing.deviceId;
        accounts.put(username, new Account(password, deviceId));
        if (existing != null && passwordChangeEndsSessions && !existing.password.equals(password)) {
            return endAll(username);
        }
        return List.of();
    }

    synchronized boolean hasAccount(String username) {
        return accounts.containsKey(username);
    }

    synchronized long deviceId(String username) {
        return accounts.get(username).deviceId;
    }

    /** @return a new session key */
    synchronized String login(String username, String password) throws Refused {
        Account account = accounts.get(username);
        if (account == null || !account.password.equals(password)) {
            throw Refused.unauthenticated(BAD_CREDENTIALS);
        }
        String key = UUID.randomUUID() + ":" + username;
        sessions.put(key, username);
        return key;
    }

    /** @return the username the session belongs to */
    synchronized String account(String session) throws Refused {
        String username = session == null ? null : sessions.get(session);
        if (username == null) {
            throw Refused.unauthenticated(INVALID_SESSION);
        }
        return username;
    }

    /** @return true if the session was alive */
    synchronized boolean end(String session) {
        return session != null && sessions.remove(session) != null;
    }

    /** Ends every session of the account (they expired). @return the keys ended */
    synchronized List<String> endAll(String username) {
        List<String> ended = new ArrayList<>();
        sessions.entrySet().removeIf(e -> {
            boolean mine = e.getValue().equals(username);
            if (mine) {
                ended.add(e.getKey());
            }
            return mine;
        });
        return ended;
    }

    /** Forgets every session (accounts stay). @return the keys forgotten */
    synchronized List<String> clear() {
        List<String> ended = new ArrayList<>(sessions.keySet());
        sessions.clear();
        return ended;
    }
}
