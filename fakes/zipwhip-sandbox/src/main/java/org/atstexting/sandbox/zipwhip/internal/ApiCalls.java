package org.atstexting.sandbox.zipwhip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.atstexting.sandbox.zipwhip.SandboxWebhook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The API methods themselves, given their decoded form parameters. Checks run in this order,
 * so a stranger's call costs little: unknown or missing parameter, then the session, then the
 * values. Choices where zipwhip-api.md is silent:
 * <ul>
 * <li>A parameter the method does not take is refused (a misspelt name shows at once).</li>
 * <li>{@code message/list}: {@code start} (offset, default 0) and {@code limit} (default 20,
 * 1..100), newest first; values out of range or not plain digits are refused, not clamped;
 * a {@code start} past the end gives an empty page.</li>
 * <li>Body at most 1,600 characters counted in code points; blank bodies refused. At most 100
 * contacts per send; a send with one bad contact stores nothing.</li>
 * <li>{@code message/send} answers {@code {fingerprint, root, tokens:[{message, fingerprint,
 * device, contact}]}}: the top-level fingerprint and {@code root} are the first message's.</li>
 * <li>{@code webhook/add} answers {@code {webhookId, type, event, url, method}};
 * {@code webhook/list} an array of those; {@code webhook/delete} takes {@code webhookId}.</li>
 * <li>{@code session/get} answers {@code {session, username, mobileNumber, deviceId, address}}.</li>
 * </ul>
 */
final class ApiCalls {

    static final int MAX_BODY = 1600;
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    /** Recipients per {@code message/send}; not confirmed, chosen so one call cannot fan out without bound. */
    static final int MAX_CONTACTS = 100;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private final Sessions sessions;
    private final MessageStore store;
    private final MessageRenderer renderer;
    private final Webhooks webhooks;
    private final MessageEvents events;
    /** Replies that arrive before each message/list answer (a busy account); 0: none. */
    private volatile int arrivalsPerList;
    private final java.util.concurrent.atomic.AtomicLong arrivals = new java.util.concurrent.atomic.AtomicLong();

    ApiCalls(Sessions sessions, MessageStore store, MessageRenderer renderer, Webhooks webhooks, MessageEvents events) {
        this.sessions = sessions;
        this.store = store;
        this.renderer = renderer;
        this.webhooks = webhooks;
        this.events = events;
    }

    JsonElement call(ApiMethod method, Map<String, String> p) throws Refused {
        for (String name : p.keySet()) {
            if (!method.params.contains(name)) {
                throw new Refused("Unknown parameter '" + Sanitize.text(name, 40) + "' for " + method.path);
            }
        }
        for (String name : method.required) {
            if (!p.containsKey(name)) {
                throw new Refused("Missing parameter '" + name + "' for " + method.path);
            }
        }
        if (method == ApiMethod.LOGIN) {
            return new JsonPrimitive(sessions.login(p.get("username"), p.get("password")));
        }
        String session = p.get("session");
        String account = sessions.account(session);
        return switch (method) {
            case LOGOUT -> logout(session);
            case SESSION_GET -> sessionGet(session, account);
            case MESSAGE_SEND -> send(account, p.get("contacts"), p.get("body"));
            case MESSAGE_LIST -> list(account, p.get("start"), p.get("limit"));
            case MESSAGE_GET -> get(account, p.get("messages"));
            case WEBHOOK_ADD -> webhookAdd(account, session, p);
            case WEBHOOK_LIST -> webhookList(account);
            case WEBHOOK_DELETE -> webhookDelete(account, p.get("webhookId"));
            case LOGIN -> throw new IllegalStateException();
        };
    }

    /** The session ended (logout or expiry); its webhooks may go with it. */
    void endSession(String session) {
        if (sessions.end(session)) {
            webhooks.sessionsEnded(List.of(session));
        }
    }

    private JsonElement logout(String session) throws Refused {
        if (!sessions.end(session)) {
            throw Refused.unauthenticated(Sessions.INVALID_SESSION); // ended meanwhile
        }
        webhooks.sessionsEnded(List.of(session));
        return new JsonPrimitive(true); // "success flag" only; the response carries true as well
    }

    private JsonElement sessionGet(String session, String account) {
        JsonObject o = new JsonObject();
        o.addProperty("session", session);
        o.addProperty("username", account);
        o.addProperty("mobileNumber", account);
        o.addProperty("deviceId", sessions.deviceId(account));
        o.addProperty("address", "ptn:/" + account);
        return o;
    }

    private JsonElement send(String account, String contacts, String body) throws Refused {
        if (body.isBlank()) {
            throw new Refused("Message body is empty");
        }
        if (body.codePointCount(0, body.length()) > MAX_BODY) {
            throw new Refused("Message body is longer than " + MAX_BODY + " characters");
        }
        List<String> recipients = new ArrayList<>();
        String[] given = contacts.split(",", -1);
        if (given.length > MAX_CONTACTS) {
            throw new Refused("Too many contacts (at most " + MAX_CONTACTS + ")");
        }
        for (String c : given) {
            String n = ContactNumbers.normalize(c.trim());
            if (n == null) {
                throw new Refused("Invalid contact '" + Sanitize.text(c.trim(), 40) + "'");
            }
            recipients.add(n);
        }
        long deviceId = sessions.deviceId(account);
        JsonArray tokens = new JsonArray();
        StoredMessage root = null;
        for (String to : recipients) {
            StoredMessage m = events.sent(account, deviceId, to, body);
            root = root == null ? m : root;
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

    void arrivalsPerList(int n) {
        this.arrivalsPerList = Math.max(0, n);
    }

    private JsonElement list(String account, String startParam, String limitParam) throws Refused {
        int start = startParam == null ? 0 : number("start", startParam, 0, Integer.MAX_VALUE);
        int limit = limitParam == null ? DEFAULT_LIMIT : number("limit", limitParam, 1, MAX_LIMIT);
        for (int i = arrivalsPerList; i > 0; i--) {
            long n = arrivals.incrementAndGet();
            events.received(account, sessions.deviceId(account), String.format("+1415555%04d", n % 10_000),
                    "arrived during a list read " + n);
        }
        JsonArray a = new JsonArray();
        store.page(account, start, limit).forEach(m -> a.add(renderer.json(m)));
        return a;
    }

    private JsonElement get(String account, String id) throws Refused {
        if (!DIGITS.matcher(id).matches()) {
            throw new Refused("Invalid message id '" + Sanitize.text(id, 40) + "'");
        }
        StoredMessage m = store.get(Long.parseLong(id));
        if (m == null || !m.account.equals(account)) {
            throw new Refused("Message not found");
        }
        return renderer.json(m);
    }

    private JsonElement webhookAdd(String account, String session, Map<String, String> p) throws Refused {
        String method = Webhooks.validate(p.get("type"), p.get("event"), p.get("url"), p.get("method"));
        return json(webhooks.add(account, session, p.get("type"), p.get("event"), p.get("url"), method));
    }

    private JsonElement webhookList(String account) {
        JsonArray a = new JsonArray();
        webhooks.of(account).forEach(h -> a.add(json(h)));
        return a;
    }

    private JsonElement webhookDelete(String account, String id) throws Refused {
        if (!DIGITS.matcher(id).matches()) {
            throw new Refused("Invalid webhookId '" + Sanitize.text(id, 40) + "'");
        }
        webhooks.delete(account, Long.parseLong(id));
        return new JsonPrimitive(true);
    }

    private static JsonObject json(SandboxWebhook hook) {
        JsonObject o = new JsonObject();
        o.addProperty("webhookId", hook.id());
        o.addProperty("type", hook.type());
        o.addProperty("event", hook.event());
        o.addProperty("url", hook.url());
        o.addProperty("method", hook.method());
        return o;
    }

    private static int number(String name, String value, int min, int max) throws Refused {
        long n = DIGITS.matcher(value).matches() && value.length() <= 10 ? Long.parseLong(value) : -1;
        if (n < min || n > max) {
            throw new Refused(name + " must be a whole number from " + min + " to " + max + ", not '"
                    + Sanitize.text(value, 20) + "'");
        }
        return (int) n;
    }
}
