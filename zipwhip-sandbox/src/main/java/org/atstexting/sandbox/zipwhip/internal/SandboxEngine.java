package org.atstexting.sandbox.zipwhip.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.atstexting.sandbox.zipwhip.SandboxCall;
import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.SandboxWebhook;
import org.atstexting.sandbox.zipwhip.SandboxWebhookDelivery;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The fake Zipwhip server itself: plain Java, no OSGi or servlet types, so the whiteboard
 * servlet, the JDK-server adapter and tests all drive the same logic through
 * {@link #handle(String, String, String, byte[])}.
 * <p>
 * Follows zipwhip-api.md. Where that page says a fact is not confirmed, the choice made here
 * is written next to the code that makes it. Choices in short:
 * <ul>
 * <li>Wrong HTTP method <em>or</em> wrong Content-Type: HTTP 405 (a real server might say 415
 * for the latter; one status keeps the client's handling simple). Unknown method path: 404.
 * Checked in that order: path first, then HTTP method, then Content-Type.</li>
 * <li>Parameter errors, bad credentials, invalid sessions, missing messages: HTTP 200 with
 * {@code success:false} and a string {@code response}, as the official client expected.</li>
 * <li>Paging of {@code message/list} uses {@code start} (offset, default 0) and {@code limit}
 * (default 20, 1..100; out of range is refused rather than clamped, so client bugs show).</li>
 * <li>Body limit 1600 characters, counted in Unicode code points.</li>
 * <li>{@code type} of a message: {@code "MO"} (mobile originated) for inbound, {@code "ZO"}
 * (Zipwhip originated) for outbound. {@code statusCode} 0 / {@code statusDesc} "OK", except
 * state ERROR: 1 / "Error", with {@code errorState} true. These values are invented.</li>
 * <li>{@code fingerprint}: a conversation fingerprint, a decimal string derived from account and
 * other party; the send response's top-level fingerprint is the root (first) message's, and
 * {@code root} is the root message's id (as in the official client's MessageToken.rootMessage).</li>
 * <li>{@code webhook/add}: {@code type} must be {@code message}; {@code event} one of {@code receive},
 * {@code send}, {@code progress}, {@code read}, {@code delete}; {@code url} absolute http(s);
 * {@code method} (optional) only {@code POST}. The answer is the webhook object {@code {id, type,
 * event, url, method}} (shape not confirmed). Webhooks belong to the account, not the session, and
 * outlive {@link #reset()}. Events are POSTed as {@code application/json}, the body being the
 * message object, on one background thread, in order, without retries.</li>
 * <li>Message ids, device ids and contact ids are numbers; message ids keep increasing across
 * {@link #reset()} so an id a client stored never names a different message.</li>
 * </ul>
 */
public class SandboxEngine implements ZipwhipSandbox {

    static final String JSON = "application/json; charset=UTF-8";
    static final String FORM = "application/x-www-form-urlencoded";
    static final int MAX_BODY = 1600;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final long SLOW_MILLIS = 3000;

    private static final Pattern NANP = Pattern.compile("[2-9][0-9]{9}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** Allowed parameters per method; the required ones come first, {@code required} of them. */
    private enum Method {
        LOGIN("user/login", 2, "username", "password"),
        LOGOUT("user/logout", 1, "session"),
        SESSION_GET("session/get", 1, "session"),
        MESSAGE_SEND("message/send", 3, "session", "contacts", "body"),
        MESSAGE_LIST("message/list", 1, "session", "start", "limit"),
        MESSAGE_GET("message/get", 2, "session", "messages"),
        WEBHOOK_ADD("webhook/add", 4, "session", "type", "event", "url", "method"),
        WEBHOOK_LIST("webhook/list", 1, "session"),
        WEBHOOK_DELETE("webhook/delete", 2, "session", "webhookId");

        final String path;
        final int required;
        final List<String> params;

        Method(String path, int required, String... params) {
            this.path = path;
            this.required = required;
            this.params = List.of(params);
        }

        static Method of(String path) {
            for (Method m : values()) {
                if (m.path.equals(path)) {
                    return m;
                }
            }
            return null;
        }
    }

    private static final class Account {
        volatile String password;
        final long deviceId;

        Account(String password, long deviceId) {
            this.password = password;
            this.deviceId = deviceId;
        }
    }

    /** A stored message; mutable parts guarded by {@link SandboxEngine#lock}. */
    private static final class Msg {
        final long id;
        final String uuid = UUID.randomUUID().toString();
        final String account;
        final long deviceId;
        final long contactId;
        final boolean inbound;
        final String other;
        final String body;
        final String fingerprint;
        final Instant created;
        String state;
        Instant updated;

        Msg(long id, String account, long deviceId, long contactId, boolean inbound, String other, String body,
                String fingerprint, String state, Instant created) {
            this.id = id;
            this.account = account;
            this.deviceId = deviceId;
            this.contactId = contactId;
            this.inbound = inbound;
            this.other = other;
            this.body = body;
            this.fingerprint = fingerprint;
            this.state = state;
            this.created = created;
            this.updated = created;
        }

        String source() {
            return inbound ? other : account;
        }

        String dest() {
            return inbound ? account : other;
        }

        SandboxMessage snapshot() {
            return new SandboxMessage(id, account, inbound, source(), dest(), body, fingerprint, state, created);
        }
    }

    private static final class FaultEntry {
        final Fault fault;
        int remaining;

        FaultEntry(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }

    /** Thrown inside a method handler to answer {@code success:false} with a text. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String text) {
            super(text, null, false, false);
        }
    }

    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    private final Object lock = new Object();
    // Zipwhip's message ids are global. Starting from the clock keeps a restarted sandbox (or
    // one in another test framework) from handing out ids an archive already holds.
    private final AtomicLong messageIds = new AtomicLong(System.currentTimeMillis() * 1000);
    private final AtomicLong deviceIds = new AtomicLong(100);
    private final AtomicLong contactIds = new AtomicLong(5000);

    // all guarded by lock
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, String> sessions = new HashMap<>();
    private final List<SandboxCall> calls = new ArrayList<>();
    private final Map<Long, Msg> byId = new HashMap<>();
    private final Map<String, List<Msg>> byAccount = new HashMap<>();
    private final List<Msg> sent = new ArrayList<>();
    private final Map<String, Long> contacts = new HashMap<>();
    private final Map<String, Deque<FaultEntry>> faults = new HashMap<>();
    private final Map<String, List<SandboxWebhook>> webhooks = new HashMap<>();
    private final List<SandboxWebhookDelivery> deliveries = new ArrayList<>();
    private final AtomicLong webhookIds = new AtomicLong(700);

    private static final Set<String> WEBHOOK_EVENTS = Set.of("receive", "send", "progress", "read", "delete");
    /** POSTs webhook events one after the other, off the caller's thread; daemon, so it never holds up a JVM. */
    private final ExecutorService webhookSender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "zipwhip-sandbox webhooks");
        t.setDaemon(true);
        return t;
    });
    private volatile HttpClient webhookHttp;

    private volatile boolean outboundAddressesEmpty;
    private volatile DateStyle dateStyle = DateStyle.ISO_8601;
    private volatile Set<String> refusedEvents = Set.of();
    private volatile boolean webhooksSurviveSessions = true;
    /** The session that installed each webhook (by webhook id), for {@link #setWebhooksSurviveSessions}. */
    private final Map<Long, String> installedBy = new HashMap<>();
    private static final DateTimeFormatter CLIENT_PATTERN = DateTimeFormatter
            .ofPattern("MMM d, yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    // ------------------------------------------------------------------ HTTP entry point

    /**
     * Answers one HTTP request.
     *
     * @param httpMethod  GET, POST, ...
     * @param methodPath  the path below {@link #basePath()}, e.g. {@code message/send}; leading
     *                    and trailing slashes are ignored; {@code null} if the request was not
     *                    under the base path at all
     * @param contentType the request's Content-Type header, or null
     * @param body        the request body (may be empty)
     * @return the answer
     */
    public SandboxResponse handle(String httpMethod, String methodPath, String contentType, byte[] body) {
        String path = methodPath == null ? "" : strip(methodPath);
        Method method = methodPath == null ? null : Method.of(path);
        if (method == null) {
            return record(path, Map.of(), fail(404, "Unknown method '" + path + "'"));
        }
        if (!"POST".equals(httpMethod)) {
            return record(path, Map.of(), fail(405, "Only POST is allowed, not " + httpMethod));
        }
        if (!isForm(contentType)) {
            return record(path, Map.of(), fail(405, "Content-Type must be " + FORM + ", not " + contentType));
        }
        Map<String, String> params = new LinkedHashMap<>();
        String duplicate = parseForm(body, params);

        Fault fault = takeFault(path);
        if (fault == Fault.SLOW) {
            try {
                Thread.sleep(SLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SandboxResponse response;
        if (fault == null || fault == Fault.SLOW || fault == Fault.SEND_THEN_FAIL) {
            response = duplicate != null
                    ? ok(false, new JsonPrimitive("Duplicate parameter '" + duplicate + "' for " + path))
                    : dispatch(method, params);
            if (fault == Fault.SEND_THEN_FAIL) {
                response = serverError();
            }
        } else {
            response = switch (fault) {
                case SERVER_ERROR -> serverError();
                case RATE_LIMITED -> new SandboxResponse(429, JSON, Map.of("Retry-After", "1"),
                        envelope(false, new JsonPrimitive("Rate limit exceeded")));
                case SESSION_EXPIRED -> {
                    // the session really expires, so a client that logs in again gets a new one
                    String session = params.get("session");
                    if (session != null) {
                        synchronized (lock) {
                            endSession(session);
                        }
                    }
                    yield ok(false, new JsonPrimitive("Invalid session"));
                }
                case MALFORMED_JSON -> new SandboxResponse(200, JSON, Map.of(), "{\"success\":tru");
                default -> throw new IllegalStateException(fault.name());
            };
        }
        return record(path, params, response);
    }

    private SandboxResponse dispatch(Method method, Map<String, String> params) {
        try {
            for (String name : params.keySet()) {
                if (!method.params.contains(name)) {
                    throw new Refused("Unknown parameter '" + name + "' for " + method.path);
                }
            }
            for (String name : method.params.subList(0, method.required)) {
                if (!params.containsKey(name)) {
                    throw new Refused("Missing parameter '" + name + "' for " + method.path);
                }
            }
            JsonElement result = switch (method) {
                case LOGIN -> login(params.get("username"), params.get("password"));
                case LOGOUT -> logout(params.get("session"));
                case SESSION_GET -> sessionGet(params.get("session"));
                case MESSAGE_SEND -> send(params.get("session"), params.get("contacts"), params.get("body"));
                case MESSAGE_LIST -> list(params.get("session"), params.get("start"), params.get("limit"));
                case MESSAGE_GET -> get(params.get("session"), params.get("messages"));
                case WEBHOOK_ADD -> webhookAdd(params.get("session"), params.get("type"), params.get("event"),
                        params.get("url"), params.get("method"));
                case WEBHOOK_LIST -> webhookList(params.get("session"));
                case WEBHOOK_DELETE -> webhookDelete(params.get("session"), params.get("webhookId"));
            };
            return ok(true, result);
        } catch (Refused e) {
            return ok(false, new JsonPrimitive(e.getMessage()));
        }
    }

    // ------------------------------------------------------------------ API methods

    private JsonElement login(String username, String password) throws Refused {
        synchronized (lock) {
            Account account = accounts.get(username);
            if (account == null || !account.password.equals(password)) {
                throw new Refused("Invalid username or password");
            }
            // shaped like Zipwhip's: <uuid>:<account number>
            String key = UUID.randomUUID() + ":" + username;
            sessions.put(key, username);
            return new JsonPrimitive(key);
        }
    }

    private JsonElement logout(String session) throws Refused {
        synchronized (lock) {
            if (!endSession(session)) {
                throw new Refused("Invalid session");
            }
        }
        // zipwhip-api.md: "success flag" only; the response carries true as well
        return new JsonPrimitive(true);
    }

    private JsonElement sessionGet(String session) throws Refused {
        // shape not confirmed by zipwhip-api.md: a small object naming the session's user and device
        synchronized (lock) {
            String username = account(session);
            JsonObject o = new JsonObject();
            o.addProperty("session", session);
            o.addProperty("username", username);
            o.addProperty("mobileNumber", username);
            o.addProperty("deviceId", accounts.get(username).deviceId);
            o.addProperty("address", "ptn:/" + username);
            return o;
        }
    }

    private JsonElement send(String session, String contactsParam, String body) throws Refused {
        if (body.isBlank()) {
            throw new Refused("Message body is empty");
        }
        if (body.codePointCount(0, body.length()) > MAX_BODY) {
            throw new Refused("Message body is longer than " + MAX_BODY + " characters");
        }
        List<String> recipients = new ArrayList<>();
        for (String c : contactsParam.split(",", -1)) {
            String n = normalize(c.trim());
            if (n == null) {
                throw new Refused("Invalid contact '" + c.trim() + "'");
            }
            recipients.add(n);
        }
        synchronized (lock) {
            String username = account(session);
            Instant now = now();
            JsonArray tokens = new JsonArray();
            Msg root = null;
            for (String to : recipients) {
                Msg m = store(username, false, to, body, "QUEUED", now);
                sent.add(m);
                fire("send", m);
                if (root == null) {
                    root = m;
                }
                JsonObject t = new JsonObject();
                t.addProperty("message", m.id);
                t.addProperty("fingerprint", m.fingerprint);
                t.addProperty("device", m.deviceId);
                t.addProperty("contact", m.contactId);
                tokens.add(t);
            }
            JsonObject o = new JsonObject();
            o.addProperty("fingerprint", root.fingerprint);
            o.addProperty("root", root.id);
            o.add("tokens", tokens);
            return o;
        }
    }

    private JsonElement webhookAdd(String session, String type, String event, String url, String method)
            throws Refused {
        if (!"message".equals(type)) {
            throw new Refused("Unknown webhook type '" + type + "'");
        }
        if (!WEBHOOK_EVENTS.contains(event)) {
            throw new Refused("Unknown webhook event '" + event + "'");
        }
        if (refusedEvents.contains(event)) {
            throw new Refused("Webhook event '" + event + "' is not available for this account");
        }
        String httpMethod = method == null ? "POST" : method;
        if (!"POST".equals(httpMethod)) {
            throw new Refused("Unsupported webhook method '" + method + "'");
        }
        try {
            URI uri = new URI(url);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new Refused("Invalid webhook url");
            }
        } catch (URISyntaxException e) {
            throw new Refused("Invalid webhook url");
        }
        synchronized (lock) {
            String username = account(session);
            SandboxWebhook hook = new SandboxWebhook(webhookIds.incrementAndGet(), username, type, event, url,
                    httpMethod);
            webhooks.computeIfAbsent(username, k -> new ArrayList<>()).add(hook);
            installedBy.put(hook.id(), session);
            return json(hook);
        }
    }

    private static JsonObject json(SandboxWebhook hook) {
        // shape not confirmed: {webhookId, type, event, url, method}
        JsonObject o = new JsonObject();
        o.addProperty("webhookId", hook.id());
        o.addProperty("type", hook.type());
        o.addProperty("event", hook.event());
        o.addProperty("url", hook.url());
        o.addProperty("method", hook.method());
        return o;
    }

    private JsonElement webhookList(String session) throws Refused {
        synchronized (lock) {
            JsonArray a = new JsonArray();
            webhooks.getOrDefault(account(session), List.of()).forEach(h -> a.add(json(h)));
            return a;
        }
    }

    private JsonElement webhookDelete(String session, String id) throws Refused {
        if (!DIGITS.matcher(id).matches() || id.length() > 18) {
            throw new Refused("Invalid webhookId '" + id + "'");
        }
        long webhookId = Long.parseLong(id);
        synchronized (lock) {
            List<SandboxWebhook> hooks = webhooks.getOrDefault(account(session), new ArrayList<>());
            if (!hooks.removeIf(h -> h.id() == webhookId)) {
                throw new Refused("Webhook not found");
            }
            installedBy.remove(webhookId);
            return new JsonPrimitive(true);
        }
    }

    /** POSTs the message to the account's webhooks for {@code event}, in the background. Caller holds lock. */
    private void fire(String event, Msg m) {
        List<SandboxWebhook> hooks = webhooks.getOrDefault(m.account, List.of()).stream()
                .filter(h -> h.event().equals(event)).toList();
        if (hooks.isEmpty()) {
            return;
        }
        String body = gson.toJson(json(m));
        long messageId = m.id;
        for (SandboxWebhook hook : hooks) {
            try {
                webhookSender.execute(() -> post(hook, event, messageId, body));
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                return;
            }
        }
    }

    private void post(SandboxWebhook hook, String event, long messageId, String body) {
        int status;
        try {
            HttpClient http = webhookHttp;
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                webhookHttp = http;
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(hook.url()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            status = -1; // the receiver could not be reached; like Zipwhip, the sandbox does not say why
        }
        synchronized (lock) {
            deliveries.add(new SandboxWebhookDelivery(hook.id(), event, messageId, status));
        }
    }

    private JsonElement list(String session, String startParam, String limitParam) throws Refused {
        int start = startParam == null ? 0 : integer("start", startParam);
        int limit = limitParam == null ? DEFAULT_LIMIT : integer("limit", limitParam);
        if (start < 0) {
            throw new Refused("start must be 0 or more");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Refused("limit must be between 1 and " + MAX_LIMIT);
        }
        synchronized (lock) {
            List<Msg> all = byAccount.getOrDefault(account(session), List.of());
            JsonArray a = new JsonArray();
            // newest first
            for (int i = all.size() - 1 - start, n = 0; i >= 0 && n < limit; i--, n++) {
                a.add(json(all.get(i)));
            }
            return a;
        }
    }

    private JsonElement get(String session, String id) throws Refused {
        if (!DIGITS.matcher(id).matches() || id.length() > 18) {
            throw new Refused("Invalid message id '" + id + "'");
        }
        synchronized (lock) {
            String username = account(session);
            Msg m = byId.get(Long.parseLong(id));
            if (m == null || !m.account.equals(username)) {
                throw new Refused("Message not found");
            }
            return json(m);
        }
    }

    // ------------------------------------------------------------------ ZipwhipSandbox

    @Override
    public void addAccount(String username, String password) {
        if (username == null || !username.matches("[0-9]{10}")) {
            throw new IllegalArgumentException("username must be the account's 10-digit phone number: " + username);
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        synchronized (lock) {
            Account existing = accounts.get(username);
            if (existing != null) {
                existing.password = password;
            } else {
                accounts.put(username, new Account(password, deviceIds.incrementAndGet()));
            }
        }
    }

    @Override
    public List<SandboxCall> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    @Override
    public List<SandboxCall> calls(String method) {
        synchronized (lock) {
            return calls.stream().filter(c -> c.method().equals(method)).toList();
        }
    }

    @Override
    public List<SandboxMessage> messages(String username) {
        synchronized (lock) {
            return byAccount.getOrDefault(username, List.of()).stream().map(Msg::snapshot).toList();
        }
    }

    @Override
    public List<SandboxMessage> sent() {
        synchronized (lock) {
            return sent.stream().map(Msg::snapshot).toList();
        }
    }

    @Override
    public SandboxMessage deliverReply(String from, String toAccountUsername, String body) {
        String number = from == null ? null : normalize(from.trim());
        if (number == null) {
            throw new IllegalArgumentException("Invalid phone number: " + from);
        }
        if (body == null || body.isEmpty()) {
            throw new IllegalArgumentException("body must not be empty");
        }
        synchronized (lock) {
            if (!accounts.containsKey(toAccountUsername)) {
                throw new IllegalArgumentException("Unknown account: " + toAccountUsername);
            }
            // an inbound text has arrived, so it is DELIVERED
            Msg m = store(toAccountUsername, true, number, body, "DELIVERED", now());
            fire("receive", m);
            return m.snapshot();
        }
    }

    @Override
    public void setStatus(long messageId, String transmissionState) {
        if (transmissionState == null || transmissionState.isBlank()) {
            throw new IllegalArgumentException("transmissionState must not be blank");
        }
        synchronized (lock) {
            Msg m = byId.get(messageId);
            if (m == null) {
                throw new IllegalArgumentException("No message " + messageId);
            }
            m.state = transmissionState.trim().toUpperCase(Locale.ROOT);
            m.updated = now();
            fire("progress", m);
        }
    }

    @Override
    public void injectFault(String method, Fault fault, int times) {
        if (method == null || fault == null || times < 1) {
            throw new IllegalArgumentException("method, fault and times >= 1 are required");
        }
        synchronized (lock) {
            faults.computeIfAbsent(strip(method), k -> new ArrayDeque<>()).add(new FaultEntry(fault, times));
        }
    }

    @Override
    public List<SandboxWebhook> webhooks(String username) {
        synchronized (lock) {
            return List.copyOf(webhooks.getOrDefault(username, List.of()));
        }
    }

    @Override
    public void removeWebhooks(String username) {
        synchronized (lock) {
            webhooks.remove(username);
        }
    }

    @Override
    public List<SandboxWebhookDelivery> webhookDeliveries() {
        synchronized (lock) {
            return List.copyOf(deliveries);
        }
    }

    /** Stops POSTing webhook events (the server adapters call this when they stop). */
    public void shutdown() {
        webhookSender.shutdownNow();
    }

    @Override
    public void clearFaults() {
        synchronized (lock) {
            faults.clear();
        }
    }

    @Override
    public void reset() {
        synchronized (lock) {
            calls.clear();
            byId.clear();
            byAccount.clear();
            sent.clear();
            sessions.clear();
            contacts.clear();
            deliveries.clear();
            faults.clear();
        }
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Normalizes a phone number as clients sent it: {@code +15551234567}, {@code 15551234567},
     * {@code 5551234567} and {@code ptn:/5551234567} become the 10 NANP digits; {@code +<digits>}
     * outside NANP (7 to 15 digits) stays as given minus the {@code +}.
     *
     * @return the digits, or null if the number is not acceptable
     */
    static String normalize(String raw) {
        String s = raw;
        if (s.startsWith("ptn:/")) {
            s = s.substring(5);
        }
        boolean plus = s.startsWith("+");
        if (plus) {
            s = s.substring(1);
        }
        if (!DIGITS.matcher(s).matches()) {
            return null;
        }
        if (s.length() == 11 && s.charAt(0) == '1' && NANP.matcher(s.substring(1)).matches()) {
            return s.substring(1);
        }
        if (!plus && NANP.matcher(s).matches()) {
            return s;
        }
        if (plus && s.charAt(0) != '1' && s.length() >= 7 && s.length() <= 15) {
            return s;
        }
        return null;
    }

    private Msg store(String username, boolean inbound, String other, String body, String state, Instant now) {
        // caller holds lock
        Account account = accounts.get(username);
        long contactId = contacts.computeIfAbsent(username + ">" + other, k -> contactIds.incrementAndGet());
        Msg m = new Msg(messageIds.incrementAndGet(), username, account.deviceId, contactId, inbound, other, body,
                fingerprint(username, other), state, now);
        byId.put(m.id, m);
        byAccount.computeIfAbsent(username, k -> new ArrayList<>()).add(m);
        return m;
    }

    private static String fingerprint(String account, String other) {
        UUID u = UUID.nameUUIDFromBytes((account + ">" + other).getBytes(StandardCharsets.UTF_8));
        return Long.toString(u.getMostSignificantBits() & Long.MAX_VALUE);
    }

    private JsonObject json(Msg m) {
        // caller holds lock (state and updated are mutable)
        boolean error = "ERROR".equals(m.state);
        JsonObject o = new JsonObject();
        o.addProperty("id", m.id);
        o.addProperty("uuid", m.uuid);
        o.addProperty("deviceId", m.deviceId);
        o.addProperty("contactId", m.contactId);
        o.addProperty("contactDeviceId", m.deviceId);
        o.addProperty("address", "ptn:/" + m.other);
        boolean hide = outboundAddressesEmpty && !m.inbound;
        o.addProperty("sourceAddress", hide ? "" : m.source());
        o.addProperty("destAddress", hide ? "" : m.dest());
        o.addProperty("mobileNumber", m.other);
        o.addProperty("body", m.body);
        o.addProperty("fingerprint", m.fingerprint);
        o.addProperty("dateCreated", date(m.created));
        o.addProperty("lastUpdated", date(m.updated));
        o.addProperty("isRead", !m.inbound);
        o.addProperty("deleted", false);
        o.addProperty("errorState", error);
        o.addProperty("statusCode", error ? 1 : 0);
        o.addProperty("statusDesc", error ? "Error" : "OK");
        JsonObject state = new JsonObject();
        state.addProperty("name", m.state);
        o.add("transmissionState", state);
        o.addProperty("type", m.inbound ? "MO" : "ZO");
        o.addProperty("channel", "SMS");
        o.addProperty("hasAttachment", false);
        return o;
    }

    private String date(Instant t) {
        return dateStyle == DateStyle.ZIPWHIP_CLIENT_PATTERN ? CLIENT_PATTERN.format(t)
                : DATE.format(t.atOffset(ZoneOffset.UTC));
    }

    /** Ends a session; drops the webhooks it installed unless they survive sessions. Caller holds lock. */
    private boolean endSession(String session) {
        if (sessions.remove(session) == null) {
            return false;
        }
        if (!webhooksSurviveSessions) {
            installedBy.entrySet().removeIf(e -> {
                if (!e.getValue().equals(session)) {
                    return false;
                }
                webhooks.values().forEach(list -> list.removeIf(h -> h.id() == e.getKey()));
                return true;
            });
        }
        return true;
    }

    @Override
    public void setOutboundAddressesEmpty(boolean empty) {
        outboundAddressesEmpty = empty;
    }

    @Override
    public void setDateStyle(DateStyle style) {
        dateStyle = java.util.Objects.requireNonNull(style, "style");
    }

    @Override
    public void refuseWebhookEvents(Set<String> events) {
        refusedEvents = Set.copyOf(events);
    }

    @Override
    public void setWebhooksSurviveSessions(boolean survive) {
        webhooksSurviveSessions = survive;
    }

    @Override
    public void restart() {
        synchronized (lock) {
            sessions.clear();
            webhooks.clear();
            installedBy.clear();
        }
    }

    private String account(String session) throws Refused {
        // caller holds lock
        String username = session == null ? null : sessions.get(session);
        if (username == null) {
            throw new Refused("Invalid session");
        }
        return username;
    }

    private static int integer(String name, String value) throws Refused {
        if (!DIGITS.matcher(value).matches() || value.length() > 9) {
            throw new Refused("Invalid value '" + value + "' for " + name);
        }
        return Integer.parseInt(value);
    }

    private Fault takeFault(String path) {
        synchronized (lock) {
            Deque<FaultEntry> queue = faults.get(path);
            if (queue == null || queue.isEmpty()) {
                return null;
            }
            FaultEntry e = queue.peek();
            if (--e.remaining <= 0) {
                queue.poll();
            }
            return e.fault;
        }
    }

    private SandboxResponse record(String path, Map<String, String> params, SandboxResponse response) {
        synchronized (lock) {
            calls.add(new SandboxCall(path, params, response.status()));
        }
        return response;
    }

    private SandboxResponse fail(int status, String text) {
        return new SandboxResponse(status, JSON, Map.of(), envelope(false, new JsonPrimitive(text)));
    }

    private SandboxResponse ok(boolean success, JsonElement response) {
        return new SandboxResponse(200, JSON, Map.of(), envelope(success, response));
    }

    private static SandboxResponse serverError() {
        // like a proxy in front of the API would answer: HTML, not JSON
        return new SandboxResponse(500, "text/html; charset=UTF-8", Map.of(),
                "<html><body><h1>500 Internal Server Error</h1></body></html>");
    }

    private String envelope(boolean success, JsonElement response) {
        JsonObject o = new JsonObject();
        o.addProperty("success", success);
        o.add("response", response);
        return gson.toJson(o);
    }

    /**
     * Parses a form body into {@code into}.
     *
     * @return the name of the first parameter given twice, or null
     */
    private static String parseForm(byte[] body, Map<String, String> into) {
        String duplicate = null;
        String s = new String(body, StandardCharsets.UTF_8);
        if (s.isEmpty()) {
            return null;
        }
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (into.putIfAbsent(name, value) != null && duplicate == null) {
                duplicate = name;
            }
        }
        return duplicate;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a broken %-escape: keep it raw, the method will refuse the value
        }
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
        return FORM.equalsIgnoreCase(type);
    }

    private static String strip(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /**
     * Zipwhip's date precision is not confirmed; milliseconds keep a reply that comes in the
     * same second as the text it answers after it on the record.
     */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
