package org.atstexting.fake.textus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

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
public class TextusFakeEngine {

    public static final String MEDIA_TYPE = "application/vnd.textus+jsonld";
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final Set<String> DEFAULT_ACTIONS = Set.of("message.delivered", "message.received");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    record User(String id, String account) {
    }

    record Integration(String id, String account, String baseUrl, String secret, Map<String, Boolean> actions) {
        boolean subscribed(String action) {
            Boolean chosen = actions.get(action);
            return chosen != null ? chosen : DEFAULT_ACTIONS.contains(action);
        }
    }

    /** A request in the engine's terms. */
    record Request(String method, String path, Map<String, String> query, String accept, String contentType,
            byte[] body) {
    }

    final Object lock = new Object();
    final Map<String, String> accountNumbers = new LinkedHashMap<>();
    final Map<String, User> tokens = new HashMap<>();
    final List<FakeMessage> messages = new ArrayList<>();
    final Map<String, Map<String, String>> conversations = new HashMap<>(); // account -> contact -> conversation id
    final Map<String, Map<String, Instant>> optOuts = new HashMap<>(); // account -> number -> since
    final List<Integration> integrations = new ArrayList<>();
    final FakeFaults faults = new FakeFaults();
    final FakeRateLimit rateLimit = new FakeRateLimit();
    final FakeWebhooks webhooks = new FakeWebhooks();
    private long ids;
    private Instant last = Instant.EPOCH;
    private int pageSize = 25;

    // ---- set-up and inspection, for tests and the demo ----

    /** Adds an account with its texting number. */
    public void addAccount(String slug, String phoneNumber) {
        synchronized (lock) {
            accountNumbers.put(slug, phoneNumber);
        }
    }

    /** Adds a user of an account with its API token. */
    public void addUser(String account, String userId, String token) {
        synchronized (lock) {
            tokens.put(token, new User(userId, account));
        }
    }

    /** Revokes a token (TextUs lets the user who made it revoke it). */
    public void revoke(String token) {
        synchronized (lock) {
            tokens.remove(token);
        }
    }

    /** How many members a collection page holds (25 unless set). */
    public void setPageSize(int size) {
        synchronized (lock) {
            pageSize = Math.max(1, size);
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
        synchronized (lock) {
            return messages.stream().filter(m -> m.account().equals(account)).toList();
        }
    }

    /** Every outgoing message the fake stored, oldest first. */
    public List<FakeMessage> sent() {
        synchronized (lock) {
            return messages.stream().filter(m -> "out".equals(m.direction())).toList();
        }
    }

    /** The numbers on an account's opt-out list. */
    public Set<String> optedOut(String account) {
        synchronized (lock) {
            return Set.copyOf(optOuts.getOrDefault(account, Map.of()).keySet());
        }
    }

    /** Every webhook delivery made, oldest first. */
    public List<WebhookAttempt> webhookAttempts() {
        return webhooks.attempts();
    }

    /** The webhook integrations of an account: their base URLs. */
    public List<String> integrationUrls(String account) {
        synchronized (lock) {
            return integrations.stream().filter(i -> i.account().equals(account)).map(Integration::baseUrl).toList();
        }
    }

    /** Forgets every message, opt-out, integration and fault; accounts and users stay. */
    public void reset() {
        synchronized (lock) {
            messages.clear();
            conversations.clear();
            optOuts.clear();
            integrations.clear();
        }
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
        synchronized (lock) {
            FakeMessage m = new FakeMessage("/messages/M" + Long.toString(++ids, 36), account,
                    conversation(account, from), from, "in", body, "received", null, null, tick());
            messages.add(m);
            return m.id();
        }
    }

    /**
     * The carrier's news about an outgoing message: {@code delivered}, {@code failed} (with an
     * error code) or {@code unknown}; webhooks {@code message.<state>} go out to those subscribed.
     */
    public void setDeliveryState(String messageId, String state, String errorCode) {
        String account;
        synchronized (lock) {
            int i = indexOf(messageId);
            FakeMessage m = messages.get(i);
            messages.set(i, m.withState(state, errorCode, tick()));
            account = m.account();
        }
        notifyMessage(account, "message." + state, messageId);
    }

    /** The contact opts out at TextUs (a STOP TextUs took itself): listed, and {@code contact.opted_out} sent. */
    public void contactOptsOut(String account, String number) {
        synchronized (lock) {
            optOuts.computeIfAbsent(account, a -> new TreeMap<>()).putIfAbsent(number, tick());
        }
        notifyContact(account, "contact.opted_out", number);
    }

    /** The contact opts back in at TextUs: taken off the list, and {@code contact.opted_in} sent. */
    public void contactOptsIn(String account, String number) {
        synchronized (lock) {
            optOuts.getOrDefault(account, new TreeMap<>()).remove(number);
        }
        notifyContact(account, "contact.opted_in", number);
    }

    private void notifyMessage(String account, String action, String messageId) {
        JsonObject delivery;
        synchronized (lock) {
            FakeMessage m = messages.get(indexOf(messageId));
            delivery = delivery(action);
            delivery.add("conversation", conversationJson(m.conversationId(), m.contact()));
            delivery.add("message", FakeJson.message(m));
        }
        webhooks.deliver(subscribers(account, action), delivery);
    }

    private void notifyContact(String account, String action, String number) {
        JsonObject delivery = delivery(action);
        synchronized (lock) {
            delivery.add("conversation", conversationJson(conversation(account, number), number));
        }
        JsonObject contact = new JsonObject();
        contact.addProperty("phoneNumber", number);
        delivery.add("contact", contact);
        webhooks.deliver(subscribers(account, action), delivery);
    }

    private JsonObject delivery(String action) {
        JsonObject delivery = new JsonObject();
        synchronized (lock) {
            delivery.addProperty("id", "/webhook_deliveries/D" + Long.toString(++ids, 36));
            delivery.addProperty("timestamp", tick().toString());
        }
        delivery.addProperty("action", action);
        return delivery;
    }

    private List<Integration> subscribers(String account, String action) {
        synchronized (lock) {
            return integrations.stream().filter(i -> i.account().equals(account) && i.subscribed(action)).toList();
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

    /**
     * Answers one request.
     *
     * @param path          the path below the fake's base, e.g. {@code /acme/messages}
     * @param authorization the {@code Authorization} header, or {@code null}
     */
    public FakeResponse handle(String method, String path, String query, String authorization, String accept,
            String contentType, byte[] body) {
        User user;
        synchronized (lock) {
            user = authorization != null && authorization.startsWith("Bearer ")
                    ? tokens.get(authorization.substring("Bearer ".length())) : null;
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
        FakeResponse answer = route(new Request(method, path, FakeJson.query(query), accept, contentType, body), user,
                headers);
        return faults.afterRequest(method, path, answer);
    }

    private static final Pattern ACCOUNT = Pattern.compile("/([A-Za-z0-9_-]+)");
    private static final Pattern ACCOUNT_PART = Pattern.compile("/([A-Za-z0-9_-]+)/(messages|conversations|opt_outs|integrations)");
    private static final Pattern OPT_OUT = Pattern.compile("/([A-Za-z0-9_-]+)/opt_outs/([^/]+)");
    private static final Pattern CONVERSATION_MESSAGES = Pattern.compile("/conversations/([A-Za-z0-9]+)/messages");

    private FakeResponse route(Request r, User user, Map<String, String> headers) {
        Matcher m;
        if ((m = CONVERSATION_MESSAGES.matcher(r.path())).matches()) {
            String conversation = "/conversations/" + m.group(1);
            return only("GET", r, headers, () -> conversationMessages(conversation, r, user, headers));
        }
        if ((m = OPT_OUT.matcher(r.path())).matches()) {
            String account = m.group(1);
            String number = java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            if (!account.equals(user.account())) {
                return forbidden(headers);
            }
            return switch (r.method()) {
                case "GET" -> optOut(account, number, headers);
                case "PUT" -> putOptOut(account, number, headers);
                default -> FakeJson.error(405, "method_not_allowed", "GET or PUT", headers);
            };
        }
        if ((m = ACCOUNT_PART.matcher(r.path())).matches()) {
            String account = m.group(1);
            if (!account.equals(user.account())) {
                return forbidden(headers);
            }
            return switch (m.group(2)) {
                case "messages" -> only("POST", r, headers, () -> send(account, user, r.body(), headers));
                case "conversations" -> only("GET", r, headers, () -> conversations(account, r, headers));
                case "opt_outs" -> only("GET", r, headers, () -> optOuts(account, r, headers));
                default -> only("POST", r, headers, () -> integrate(account, r.body(), headers));
            };
        }
        if ((m = ACCOUNT.matcher(r.path())).matches()) {
            String account = m.group(1);
            if (!account.equals(user.account())) {
                return forbidden(headers);
            }
            return only("GET", r, headers, () -> FakeJson.ok(200, FakeJson.account(account, number(account)), headers));
        }
        return FakeJson.error(404, "not_found", "No such resource", headers);
    }

    private String number(String account) {
        synchronized (lock) {
            return accountNumbers.get(account);
        }
    }

    private static FakeResponse forbidden(Map<String, String> headers) {
        return FakeJson.error(403, "forbidden", "The token's user is not a member of this account", headers);
    }

    private static FakeResponse only(String method, Request r, Map<String, String> headers,
            java.util.function.Supplier<FakeResponse> action) {
        return method.equals(r.method()) ? action.get()
                : FakeJson.error(405, "method_not_allowed", "Only " + method, headers);
    }

    private FakeResponse send(String account, User user, byte[] body, Map<String, String> headers) {
        JsonObject json;
        try {
            JsonElement parsed = JsonParser.parseString(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
            json = parsed.isJsonObject() ? parsed.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            json = null;
        }
        if (json == null || !json.has("to") || !json.has("body") || !json.get("body").isJsonPrimitive()) {
            return FakeJson.error(422, "invalid", "A message needs 'to' and 'body'", headers);
        }
        List<String> to = new ArrayList<>();
        if (json.get("to").isJsonArray()) {
            for (JsonElement e : (JsonArray) json.get("to")) {
                to.add(e.getAsString());
            }
        } else {
            to.add(json.get("to").getAsString());
        }
        String text = json.get("body").getAsString();
        if (to.isEmpty() || text.isBlank() || to.stream().anyMatch(n -> !E164.matcher(n).matches())) {
            return FakeJson.error(422, "invalid_number", "Every recipient must be a phone number in E.164", headers);
        }
        synchronized (lock) {
            Map<String, Instant> listed = optOuts.getOrDefault(account, Map.of());
            for (String n : to) {
                if (listed.containsKey(n)) {
                    return FakeJson.error(422, "opted_out", n + " has opted out of texts from this account", headers);
                }
            }
            FakeMessage first = null;
            for (String n : to) {
                FakeMessage m = new FakeMessage("/messages/M" + Long.toString(++ids, 36), account,
                        conversation(account, n), n, "out", text, "queued", null, user.id(), tick());
                messages.add(m);
                first = first == null ? m : first;
            }
            return to.size() == 1 ? FakeJson.ok(201, FakeJson.message(first), headers)
                    : new FakeResponse(202, null, headers, 0);
        }
    }

    private FakeResponse conversations(String account, Request r, Map<String, String> headers) {
        String q = r.query().get("q");
        synchronized (lock) {
            Map<String, Instant> latest = new HashMap<>();
            Map<String, String> contactOf = new HashMap<>();
            for (FakeMessage m : messages) {
                if (m.account().equals(account) && (q == null || m.contact().contains(q))) {
                    latest.merge(m.conversationId(), m.latestEventAt(), (a, b) -> a.isAfter(b) ? a : b);
                    contactOf.put(m.conversationId(), m.contact());
                }
            }
            List<JsonObject> members = latest.entrySet().stream()
                    .sorted(Map.Entry.<String, Instant>comparingByValue().reversed())
                    .map(e -> {
                        JsonObject c = conversationJson(e.getKey(), contactOf.get(e.getKey()));
                        c.addProperty("latestMessageAt", e.getValue().toString());
                        return c;
                    }).toList();
            return FakeJson.ok(200, FakeJson.page("/" + account + "/conversations", r.query(), members, pageSize), headers);
        }
    }

    private FakeResponse conversationMessages(String conversationId, Request r, User user,
            Map<String, String> headers) {
        synchronized (lock) {
            List<FakeMessage> of = messages.stream().filter(m -> m.conversationId().equals(conversationId)).toList();
            if (of.isEmpty()) {
                return FakeJson.error(404, "not_found", "No such conversation", headers);
            }
            if (!of.get(0).account().equals(user.account())) {
                return forbidden(headers);
            }
            // newest first by when each message was made (the list is in the order they were made)
            List<FakeMessage> newestFirst = new ArrayList<>(of);
            java.util.Collections.reverse(newestFirst);
            List<JsonObject> members = newestFirst.stream().map(FakeJson::message).toList();
            return FakeJson.ok(200, FakeJson.page(conversationId + "/messages", r.query(), members, pageSize), headers);
        }
    }

    private FakeResponse optOuts(String account, Request r, Map<String, String> headers) {
        String q = r.query().get("q");
        synchronized (lock) {
            List<JsonObject> members = optOuts.getOrDefault(account, Map.of()).entrySet().stream()
                    .filter(e -> q == null || e.getKey().contains(q))
                    .map(e -> FakeJson.optOut(account, e.getKey(), e.getValue())).toList();
            return FakeJson.ok(200, FakeJson.page("/" + account + "/opt_outs", r.query(), members, pageSize), headers);
        }
    }

    private FakeResponse optOut(String account, String number, Map<String, String> headers) {
        synchronized (lock) {
            Instant since = optOuts.getOrDefault(account, Map.of()).get(number);
            return since == null ? FakeJson.error(404, "not_found", number + " is not opted out", headers)
                    : FakeJson.ok(200, FakeJson.optOut(account, number, since), headers);
        }
    }

    private FakeResponse putOptOut(String account, String number, Map<String, String> headers) {
        if (!E164.matcher(number).matches()) {
            return FakeJson.error(422, "invalid_number", "Not a phone number in E.164", headers);
        }
        synchronized (lock) {
            Instant since = optOuts.computeIfAbsent(account, a -> new TreeMap<>()).computeIfAbsent(number, n -> tick());
            return FakeJson.ok(201, FakeJson.optOut(account, number, since), headers);
        }
    }

    private FakeResponse integrate(String account, byte[] body, Map<String, String> headers) {
        JsonObject json;
        try {
            json = JsonParser.parseString(new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (RuntimeException e) {
            return FakeJson.error(422, "invalid", "An integration must be a JSON object", headers);
        }
        JsonObject config = json.has("config") && json.get("config").isJsonObject() ? json.getAsJsonObject("config") : null;
        if (!"webhook".equals(FakeJson.string(json, "provider")) || config == null
                || FakeJson.string(config, "baseUrl") == null) {
            return FakeJson.error(422, "invalid", "Needs provider 'webhook' and config.baseUrl", headers);
        }
        Map<String, Boolean> actions = new HashMap<>();
        if (json.has("settings") && json.get("settings").isJsonObject()
                && json.getAsJsonObject("settings").has("actions")) {
            json.getAsJsonObject("settings").getAsJsonObject("actions").entrySet()
                    .forEach(e -> actions.put(e.getKey(), e.getValue().getAsBoolean()));
        }
        synchronized (lock) {
            Integration integration = new Integration("/integrations/I" + Long.toString(++ids, 36), account,
                    FakeJson.string(config, "baseUrl"), FakeWebhooks.newSecret(), Map.copyOf(actions));
            integrations.add(integration);
            return FakeJson.ok(201, FakeJson.integration(integration), headers);
        }
    }

    // ---- helpers (under the lock) ----

    private String conversation(String account, String contact) {
        return conversations.computeIfAbsent(account, a -> new HashMap<>())
                .computeIfAbsent(contact, c -> "/conversations/C" + Long.toString(++ids, 36));
    }

    private int indexOf(String messageId) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).id().equals(messageId)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No message " + messageId);
    }

    /** Strictly increasing times, so the order of events is never a tie. */
    private Instant tick() {
        Instant now = Instant.now();
        last = now.isAfter(last) ? now : last.plusMillis(1);
        return last;
    }
}
