package org.atstexting.sandbox.zipwhip;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A fake Zipwhip server: its accounts, what it received, what it stored, and knobs to
 * make it misbehave. Thread-safe.
 */
@ProviderType
public interface ZipwhipSandbox {

    /** The path under the HTTP server where the API methods live. */
    String BASE_PATH = "/zipwhip-sandbox/";

    /** Faults a call can be made to suffer, see {@link #injectFault(String, Fault, int)}. */
    enum Fault {
        /** HTTP 500 with a body that is not JSON. */
        SERVER_ERROR,
        /** HTTP 429 with {@code Retry-After: 1}; see {@link ZipwhipSandbox#injectRateLimit} for other values. */
        RATE_LIMITED,
        /** Sleep 3 s, then answer normally. */
        SLOW,
        /** HTTP 200, {@code success:false}, response {@code "Invalid session"}; the session is dropped. */
        SESSION_EXPIRED,
        /** HTTP 200 with the body {@code {"success":tru}}. */
        MALFORMED_JSON,
        /**
         * Perform the call (for {@code message/send}: store the messages as sent), then answer
         * HTTP 500 with a body that is not JSON: the outcome-unknown case.
         */
        SEND_THEN_FAIL
    }

    /**
     * @return the path under the HTTP server where the methods live, {@value #BASE_PATH}; POST
     *         {@code /zipwhip-sandbox/user/login} logs in
     */
    String basePath();

    /**
     * Adds an account, or changes the password of an existing one.
     *
     * @param username the account's 10-digit phone number, which is also its own number
     * @param password its password, not empty
     * @throws IllegalArgumentException if the username is not 10 digits or the password empty
     */
    void addAccount(String username, String password);

    /**
     * @return the requests received, oldest first: the newest 10,000 at most (fewer if their
     *         values add up to more than 4 million characters); each value is cut to 4,096
     *         characters (ending in {@code …}), and to 64 for calls that named no live session or
     *         bad credentials; requests refused before their body was read have no parameters
     */
    List<SandboxCall> calls();

    /**
     * @param method an API method such as {@code message/send}
     * @return the requests received for that method, oldest first
     */
    List<SandboxCall> calls(String method);

    /**
     * @param username an account's username
     * @return all messages of that account, inbound and outbound, oldest first (empty if unknown)
     */
    List<SandboxMessage> messages(String username);

    /** @return the outbound messages created by successful {@code message/send} calls, across accounts, oldest first */
    List<SandboxMessage> sent();

    /**
     * Makes a phone text an account.
     *
     * @param from              the phone's number: {@code +12065550123}, {@code 2065550123},
     *                          {@code ptn:/2065550123} or {@code +<digits>} outside NANP
     * @param toAccountUsername the receiving account's username
     * @param body              the text
     * @return the new inbound message
     * @throws IllegalArgumentException if the account is unknown, the number or the body invalid
     */
    SandboxMessage deliverReply(String from, String toAccountUsername, String body);

    /**
     * Changes a message's {@code transmissionState.name}.
     *
     * @param messageId         the message's id
     * @param transmissionState e.g. QUEUED, SENT, DELIVERED, ERROR (the set is open)
     * @throws IllegalArgumentException if there is no such message or the state is blank
     */
    void setStatus(long messageId, String transmissionState);

    /**
     * Makes the next {@code times} calls of {@code method} suffer {@code fault}. Faults queued
     * for the same method apply one after the other, in the order injected.
     *
     * @param method an API method such as {@code message/send}
     * @param fault  what goes wrong
     * @param times  how many calls, at least 1
     */
    void injectFault(String method, Fault fault, int times);

    /**
     * @param username an account's username
     * @return the webhooks the account installed with {@code webhook/add}, oldest first
     */
    List<SandboxWebhook> webhooks(String username);

    /** Removes the account's webhooks (as if they had been deleted at Zipwhip). */
    void removeWebhooks(String username);

    /**
     * @return every event POSTed to a webhook so far, oldest first. Events are POSTed
     *         asynchronously, one after the other, as Zipwhip would: {@code receive} when
     *         {@link #deliverReply} makes a text arrive, {@code send} when {@code message/send}
     *         stores a message, {@code progress} when {@link #setStatus} changes one. The body
     *         is the message object as {@code message/list} shows it; the sandbox does not retry.
     *         The newest 10,000 are kept.
     */
    List<SandboxWebhookDelivery> webhookDeliveries();

    /** Forgets every injected fault. */
    void clearFaults();

    /**
     * Forgets calls, messages, sessions, faults and webhook deliveries; keeps the accounts,
     * their webhooks and every switch. Message ids keep increasing.
     */
    void reset();

    // ------------------------------------------------------------------ behaviours the facts allow
    // (zipwhip-api.md, "Facts that an independent check made plain"): switches a client test
    // turns on to prove the client copes with each.

    /** How the sandbox writes {@code dateCreated}/{@code lastUpdated}: both are allowed by the facts. */
    enum DateStyle {
        /** ISO-8601 with offset, e.g. {@code 2026-12-01T23:37:53.123Z} (milliseconds). */
        ISO_8601,
        /**
         * The pattern Zipwhip's own Java client tried first: {@code MMM d, yyyy h:mm:ss aaa} (US
         * English, UTC), e.g. {@code Dec 1, 2026 11:37:53 PM}: whole seconds only, so messages of
         * the same second are ordered by their (increasing) ids alone.
         */
        ZIPWHIP_CLIENT_PATTERN
    }

    /**
     * @param empty when {@code true}, outbound messages carry empty {@code sourceAddress} and
     *              {@code destAddress} everywhere (list, get, webhook bodies), as the facts allow;
     *              {@code address} (the other party), {@code type}, {@code transmissionState},
     *              {@code fingerprint}, {@code id}, {@code body} and the dates stay
     */
    void setOutboundAddressesEmpty(boolean empty);

    /**
     * A busy account, as the facts allow (texts arrive while a poll reads the list page by page,
     * and each arrival shifts every offset by one): before each {@code message/list} call is
     * answered, this many replies from other numbers arrive at the account it lists.
     *
     * @param replies per call; 0 (the default) for none
     * @since 1.2
     */
    void setRepliesDuringEachList(int replies);

    /** @param style how dates are written from now on (default {@link DateStyle#ISO_8601}) */
    void setDateStyle(DateStyle style);

    /**
     * Makes {@code webhook/add} refuse ({@code success:false}) the given event types from now
     * on, e.g. {@code progress}; an empty set accepts every event again. Installed webhooks stay.
     */
    void refuseWebhookEvents(java.util.Set<String> events);

    /**
     * @param survive when {@code false}, a webhook is dropped when the session that installed it
     *                ends ({@code user/logout}, {@link #expireSessions}, a
     *                {@link Fault#SESSION_EXPIRED} fault, a password change that ends sessions);
     *                default {@code true}
     */
    void setWebhooksSurviveSessions(boolean survive);

    /**
     * Simulates a Zipwhip restart: every session and every installed webhook is gone; accounts
     * and messages stay.
     */
    void restart();

    /**
     * Makes the next {@code times} calls of {@code method} answer HTTP 429 with
     * {@code Retry-After: retryAfterSeconds} (for a Retry-After longer than a client may wait).
     * Queued with the other faults of that method, in the order injected.
     *
     * @param method            an API method such as {@code message/send}
     * @param retryAfterSeconds the Retry-After value, 0 or more
     * @param times             how many calls, at least 1
     */
    void injectRateLimit(String method, int retryAfterSeconds, int times);

    /**
     * Ends every session of the account, as if they had expired: later calls with them answer
     * {@code success:false}, "Invalid session". Webhooks go with them unless they survive sessions.
     */
    void expireSessions(String username);

    /**
     * @param ends when {@code true}, {@link #addAccount} with a different password ends the
     *             account's sessions; default {@code false} (a real service need not end them)
     */
    void setPasswordChangeEndsSessions(boolean ends);
}
