package org.atstexting.fake.textus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The fake's resources, once the request is authenticated, within its rate limit and of the
 * right media type ({@link TextusFakeEngine#handle} checks those): messages, conversations and
 * their messages, opt-outs, integrations and the account, each strict as TextUs Next is.
 */
final class FakeApi {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    private final FakeStore store;

    FakeApi(FakeStore store) {
        this.store = store;
    }

    private static final Pattern ACCOUNT = Pattern.compile("/([A-Za-z0-9_-]+)");
    private static final Pattern ACCOUNT_PART = Pattern.compile("/([A-Za-z0-9_-]+)/(messages|conversations|opt_outs|integrations)");
    private static final Pattern OPT_OUT = Pattern.compile("/([A-Za-z0-9_-]+)/opt_outs/([^/]+)");
    private static final Pattern CONVERSATION_MESSAGES = Pattern.compile("/conversations/([A-Za-z0-9]+)/messages");

    FakeResponse route(TextusFakeEngine.Request r, FakeStore.User user, Map<String, String> headers) {
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
        synchronized (store.lock) {
            return store.accountNumbers.get(account);
        }
    }

    private static FakeResponse forbidden(Map<String, String> headers) {
        return FakeJson.error(403, "forbidden", "The token's user is not a member of this account", headers);
    }

    private static FakeResponse only(String method, TextusFakeEngine.Request r, Map<String, String> headers,
            java.util.function.Supplier<FakeResponse> action) {
        return method.equals(r.method()) ? action.get()
                : FakeJson.error(405, "method_not_allowed", "Only " + method, headers);
    }

    private FakeResponse send(String account, FakeStore.User user, byte[] body, Map<String, String> headers) {
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
        synchronized (store.lock) {
            Map<String, Instant> listed = store.optOuts.getOrDefault(account, Map.of());
            for (String n : to) {
                if (listed.containsKey(n)) {
                    return FakeJson.error(422, "opted_out", n + " has opted out of texts from this account", headers);
                }
            }
            FakeMessage first = null;
            for (String n : to) {
                FakeMessage m = new FakeMessage(store.nextId("/messages/M"), account,
                        store.conversation(account, n), n, "out", text, "queued", null, user.id(), store.tick());
                store.messages.add(m);
                first = first == null ? m : first;
            }
            return to.size() == 1 ? FakeJson.ok(201, FakeJson.message(first), headers)
                    : new FakeResponse(202, null, headers, 0);
        }
    }

    private FakeResponse conversations(String account, TextusFakeEngine.Request r, Map<String, String> headers) {
        String q = r.query().get("q");
        synchronized (store.lock) {
            Map<String, Instant> latest = new HashMap<>();
            Map<String, String> contactOf = new HashMap<>();
            for (FakeMessage m : store.messages) {
                if (m.account().equals(account) && (q == null || m.contact().contains(q))) {
                    latest.merge(m.conversationId(), m.latestEventAt(), (a, b) -> a.isAfter(b) ? a : b);
                    contactOf.put(m.conversationId(), m.contact());
                }
            }
            List<JsonObject> members = latest.entrySet().stream()
                    .sorted(Map.Entry.<String, Instant>comparingByValue().reversed())
                    .map(e -> {
                        JsonObject c = TextusFakeEngine.conversationJson(e.getKey(), contactOf.get(e.getKey()));
                        c.addProperty("latestMessageAt", e.getValue().toString());
                        return c;
                    }).toList();
            return FakeJson.ok(200, FakeJson.page("/" + account + "/conversations", r.query(), members, store.pageSize), headers);
        }
    }

    private FakeResponse conversationMessages(String conversationId, TextusFakeEngine.Request r, FakeStore.User user,
            Map<String, String> headers) {
        synchronized (store.lock) {
            List<FakeMessage> of = store.messages.stream().filter(m -> m.conversationId().equals(conversationId)).toList();
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
            return FakeJson.ok(200, FakeJson.page(conversationId + "/messages", r.query(), members, store.pageSize), headers);
        }
    }

    private FakeResponse optOuts(String account, TextusFakeEngine.Request r, Map<String, String> headers) {
        String q = r.query().get("q");
        synchronized (store.lock) {
            List<JsonObject> members = store.optOuts.getOrDefault(account, Map.of()).entrySet().stream()
                    .filter(e -> q == null || e.getKey().contains(q))
                    .map(e -> FakeJson.optOut(account, e.getKey(), e.getValue())).toList();
            return FakeJson.ok(200, FakeJson.page("/" + account + "/opt_outs", r.query(), members, store.pageSize), headers);
        }
    }

    private FakeResponse optOut(String account, String number, Map<String, String> headers) {
        synchronized (store.lock) {
            Instant since = store.optOuts.getOrDefault(account, Map.of()).get(number);
            return since == null ? FakeJson.error(404, "not_found", number + " is not opted out", headers)
                    : FakeJson.ok(200, FakeJson.optOut(account, number, since), headers);
        }
    }

    private FakeResponse putOptOut(String account, String number, Map<String, String> headers) {
        if (!E164.matcher(number).matches()) {
            return FakeJson.error(422, "invalid_number", "Not a phone number in E.164", headers);
        }
        synchronized (store.lock) {
            Instant since = store.optOuts.computeIfAbsent(account, a -> new TreeMap<>()).computeIfAbsent(number, n -> store.tick());
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
        synchronized (store.lock) {
            FakeStore.Integration integration = new FakeStore.Integration(store.nextId("/integrations/I"), account,
                    FakeJson.string(config, "baseUrl"), FakeWebhooks.newSecret(), Map.copyOf(actions));
            store.integrations.add(integration);
            return FakeJson.ok(201, FakeJson.integration(integration), headers);
        }
    }

}
