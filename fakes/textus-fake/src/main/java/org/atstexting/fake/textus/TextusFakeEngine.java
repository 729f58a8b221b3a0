package org.atstexting.fake.textus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.atstexting.fake.support.FakeAnswer;
import org.atstexting.fake.support.FakeHandler;
import org.atstexting.fake.support.FakeRequest;

import com.google.gson.JsonObject;

/**
 * The fake's state and its API, free of any HTTP server: the standalone server and the
 * whiteboard servlet hand each request to {@link #handle}. Strict where TextUs Next is (from
 * its documentation): a Bearer token per user (401 without or with a wrong one), JSON-LD
 * content types (406 / 415 otherwise), one recipient answered 201 with the Message and several
 * 202 without a body, Hydra collections ({@code members}, {@code totalItems}, {@code view.next}),
 * opt-outs, webhook integrations whose deliveries are signed, and 1,000 requests per 5 minutes
 * per token with {@code X-RateLimit-*} headers and 429 {@code Retry-After}.
 * <p>
 * What the documentation leaves open is chosen here and followed by the provider: collections
 * are newest first, {@code ?page=n} pages them (25 a page unless set), a conversation is found
 * by its contact's number with {@code ?q=}, a failed message carries {@code errorCode}, the
 * account resource is {@code GET /:account}, and a send to a number on the opt-out list is
 * refused with 422 and {@code code: "opted_out"}. Everything is thread-safe.
 */
public class TextusFakeEngine implements FakeHandler {

    public static final String MEDIA_TYPE = "application/vnd.textus+jsonld";
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** A request in the engine's terms. */
    record Request(String method, String path, Map<String, String> query, String accept, String contentType,
            byte[] body) {
    }

    final FakeStore store = new FakeStore();
    final FakeFaults faults = new FakeFaults();
    final FakeRateLimit rateLimit = new FakeRateLimit();
    final FakeWebhooks webhooks = new FakeWebhooks();
    private final FakeApi api = new FakeApi(store);

    // ---- set-up and inspection, for tests and the demo ----

    /** Adds an account with its texting number. */
    public void addAccount(String slug, String phoneNumber) {
        synchronized (store.lock) {
            store.accountNumbers.put(slug, phoneNumber);
        }
    }

    /** Adds a user of an account with its API token. */
    public void addUser(String account, String userId, String token) {
        synchronized (store.lock) {
            store.tokens.put(token, new FakeStore.User(userId, account));
        }
    }

    /** Revokes a token (TextUs lets the user who made it revoke it). */
    public void revoke(String token) {
        synchronized (store.lock) {
            store.tokens.remove(token);
        }
    }

    /** How many members a collection page holds (25 unless set). */
    public void setPageSize(int size) {
        synchronized (store.lock) {
            store.pageSize = Math.max(1, size);
        }
    }

    /** The rate limit per token in each five-minute window (1,000 at TextUs); lower it for tests. */
    public void setRateLimit(int requestsPerWindow) {
        rateLimit.setLimit(requestsPerWindow);
    }

    /** The fault switches: 5xx, send-then-fail, slow, malformed JSON. */
    public FakeFaults faults() {
        return faults;
    }

    /** Every message of an account, oldest first. */
    public List<FakeMessage> messages(String account) {
        synchronized (store.lock) {
            return store.messages.stream().filter(m -> m.account().equals(account)).toList();
        }
    }

    /** Every outgoing message the fake stored, oldest first. */
    public List<FakeMessage> sent() {
        synchronized (store.lock) {
            return store.messages.stream().filter(m -> "out".equals(m.direction())).toList();
        }
    }

    /** The numbers on an account's opt-out list. */
    public Set<String> optedOut(String account) {
        synchronized (store.lock) {
            return Set.copyOf(store.optOuts.getOrDefault(account, Map.of()).keySet());
        }
    }

    /** Every webhook delivery made, oldest first. */
    public List<WebhookAttempt> webhookAttempts() {
        return webhooks.attempts();
    }

    /** The webhook integrations of an account: their base URLs. */
    public List<String> integrationUrls(String account) {
        synchronized (store.lock) {
            return store.integrations.stream().filter(i -> i.account().equals(account)).map(FakeStore.Integration::baseUrl).toList();
        }
    }

    /** Forgets every message, opt-out, integration and fault; accounts and users stay. */
    public void reset() {
        store.clear();
        faults.clear();
        rateLimit.clear();
        webhooks.clear();
    }

    // ---- what happens at TextUs on its own: replies, delivery news, opt-outs ----

    /** A contact texts the account; webhooks go out for {@code message.received}. Returns the message id. */
    public String receive(String account, String from, String body) {
        String id = receiveQuietly(account, from, body);
        notifyMessage(account, "message.received", id);
        return id;
    }

    /** A contact texts the account, without any webhook (a webhook lost on the way): polling must find it. */
    public String receiveQuietly(String account, String from, String body) {
        synchronized (store.lock) {
            FakeMessage m = new FakeMessage(store.nextId("/messages/M"), account,
                    store.conversation(account, from), from, "in", body, "received", null, null, store.tick());
            store.messages.add(m);
            return m.id();
        }
    }

    /**
     * The carrier's news about an outgoing message: {@code delivered}, {@code failed} (with an
     * error code) or {@code unknown}; webhooks {@code message.<state>} go out to those subscribed.
     */
    public void setDeliveryState(String messageId, String state, String errorCode) {
        String account;
        synchronized (store.lock) {
            int i = store.indexOf(messageId);
            FakeMessage m = store.messages.get(i);
            store.messages.set(i, m.withState(state, errorCode, store.tick()));
            account = m.account();
        }
        notifyMessage(account, "message." + state, messageId);
    }

    /** The contact opts out at TextUs (a STOP TextUs took itself): listed, and {@code contact.opted_out} sent. */
    public void contactOptsOut(String account, String number) {
        synchronized (store.lock) {
            store.optOuts.computeIfAbsent(account, a -> new TreeMap<>()).putIfAbsent(number, store.tick());
        }
        notifyContact(account, "contact.opted_out", number);
    }

    /** The contact opts back in at TextUs: taken off the list, and {@code contact.opted_in} sent. */
    public void contactOptsIn(String account, String number) {
        synchronized (store.lock) {
            store.optOuts.getOrDefault(account, new TreeMap<>()).remove(number);
        }
        notifyContact(account, "contact.opted_in", number);
    }

    private void notifyMessage(String account, String action, String messageId) {
        JsonObject delivery;
        synchronized (store.lock) {
            FakeMessage m = store.messages.get(store.indexOf(messageId));
            delivery = delivery(action);
            delivery.add("conversation", conversationJson(m.conversationId(), m.contact()));
            delivery.add("message", FakeJson.message(m));
        }
        webhooks.deliver(subscribers(account, action), delivery);
    }

    private void notifyContact(String account, String action, String number) {
        JsonObject delivery = delivery(action);
        synchronized (store.lock) {
            delivery.add("conversation", conversationJson(store.conversation(account, number), number));
        }
        JsonObject contact = new JsonObject();
        contact.addProperty("phoneNumber", number);
        delivery.add("contact", contact);
        webhooks.deliver(subscribers(account, action), delivery);
    }

    private JsonObject delivery(String action) {
        JsonObject delivery = new JsonObject();
        synchronized (store.lock) {
            delivery.addProperty("id", store.nextId("/webhook_deliveries/D"));
            delivery.addProperty("timestamp", store.tick().toString());
        }
        delivery.addProperty("action", action);
        return delivery;
    }

    private List<FakeStore.Integration> subscribers(String account, String action) {
        synchronized (store.lock) {
            return store.integrations.stream().filter(i -> i.account().equals(account) && i.subscribed(action)).toList();
        }
    }

    static JsonObject conversationJson(String id, String contact) {
        JsonObject c = new JsonObject();
        c.addProperty("@type", "Conversation");
        c.addProperty("id", id);
        c.addProperty("phoneNumber", contact);
        c.addProperty("messages", id + "/messages");
        return c;
    }

    // ---- the HTTP API ----

    /** One request from either server (standalone or whiteboard). */
    @Override
    public FakeAnswer handle(FakeRequest request) throws java.io.IOException {
        byte[] body = request.readBody(MAX_BODY_BYTES);
        FakeResponse r = handle(request.method(), request.path(), request.query(), request.header("Authorization"),
                request.header("Accept"), request.header("Content-Type"), body);
        String type = r.body() != null && r.body().startsWith("<") ? "text/html; charset=utf-8"
                : MEDIA_TYPE + "; charset=utf-8";
        return FakeAnswer.of(r.status(), type, r.headers(), r.body(), r.delayMillis());
    }

    /**
     * Answers one request.
     *
     * @param path          the path below the fake's base, e.g. {@code /acme/messages}
     * @param authorization the {@code Authorization} header, or {@code null}
     */
    public FakeResponse handle(String method, String path, String query, String authorization, String accept,
            String contentType, byte[] body) {
        FakeStore.User user;
        synchronized (store.lock) {
            user = authorization != null && authorization.startsWith("Bearer ")
                    ? store.tokens.get(authorization.substring("Bearer ".length())) : null;
        }
        if (user == null) {
            return FakeJson.error(401, "unauthorized", "A valid API token is required (Authorization: Bearer <token>)",
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        Map<String, String> headers = new HashMap<>();
        Optional<FakeResponse> limited = rateLimit.count(authorization.substring(7), headers);
        if (limited.isPresent()) {
            return limited.get();
        }
        if (accept == null || !accept.contains(MEDIA_TYPE)) {
            return FakeJson.error(406, "not_acceptable", "Accept must be " + MEDIA_TYPE, headers);
        }
        if (body != null && body.length > MAX_BODY_BYTES) {
            return FakeJson.error(413, "too_large", "The request body is too large", headers);
        }
        if (body != null && body.length > 0 && (contentType == null || !contentType.startsWith(MEDIA_TYPE))) {
            return FakeJson.error(415, "unsupported_media_type", "Content-Type must be " + MEDIA_TYPE, headers);
        }
        Optional<FakeResponse> fault = faults.beforeRequest(method, path, headers);
        if (fault.isPresent()) {
            return fault.get();
        }
        FakeResponse answer = api.route(new Request(method, path, FakeJson.query(query), accept, contentType, body), user,
                headers);
        return faults.afterRequest(method, path, answer);
    }

}
