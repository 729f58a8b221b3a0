package org.atstexting.fake.textus;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The fake's JSON-LD bodies. */
final class FakeJson {

    private FakeJson() {
    }

    static FakeResponse ok(int status, JsonObject body, Map<String, String> headers) {
        return new FakeResponse(status, body.toString(), headers, 0);
    }

    static FakeResponse error(int status, String code, String message, Map<String, String> headers) {
        JsonObject e = new JsonObject();
        e.addProperty("@type", "Error");
        e.addProperty("code", code);
        e.addProperty("message", message);
        return new FakeResponse(status, e.toString(), headers, 0);
    }

    static JsonObject message(FakeMessage m) {
        JsonObject j = new JsonObject();
        j.addProperty("@type", "Message");
        j.addProperty("id", m.id());
        j.addProperty("direction", m.direction());
        j.addProperty("body", m.body());
        j.addProperty("deliveryState", m.deliveryState());
        j.addProperty("conversation", m.conversationId());
        if (m.sender() != null) {
            JsonObject sender = new JsonObject();
            sender.addProperty("id", "/users/" + m.sender());
            j.add("sender", sender);
        } else {
            JsonObject sender = new JsonObject();
            sender.addProperty("phoneNumber", m.contact());
            j.add("sender", sender);
        }
        j.add("attachments", new JsonArray());
        j.addProperty("retryAllowed", "failed".equals(m.deliveryState()));
        j.addProperty("latestEventAt", m.latestEventAt().toString());
        j.addProperty("channel", "sms");
        j.addProperty("source", "in".equals(m.direction()) ? "contact" : "api");
        if (m.errorCode() != null) {
            j.addProperty("errorCode", m.errorCode());
        }
        return j;
    }

    static JsonObject account(String slug, String number) {
        JsonObject j = new JsonObject();
        j.addProperty("@type", "Account");
        j.addProperty("id", "/" + slug);
        j.addProperty("slug", slug);
        j.addProperty("phoneNumber", number);
        return j;
    }

    static JsonObject optOut(String account, String number, Instant since) {
        JsonObject j = new JsonObject();
        j.addProperty("@type", "OptOut");
        j.addProperty("id", "/" + account + "/opt_outs/" + URLEncoder.encode(number, StandardCharsets.UTF_8));
        j.addProperty("phoneNumber", number);
        j.addProperty("createdAt", since.toString());
        return j;
    }

    static JsonObject integration(FakeStore.Integration i) {
        JsonObject j = new JsonObject();
        j.addProperty("@type", "Integration");
        j.addProperty("id", i.id());
        j.addProperty("provider", "webhook");
        JsonObject config = new JsonObject();
        config.addProperty("baseUrl", i.baseUrl());
        config.addProperty("webhookSecret", i.secret());
        j.add("config", config);
        JsonObject actions = new JsonObject();
        i.actions().forEach(actions::addProperty);
        JsonObject settings = new JsonObject();
        settings.add("actions", actions);
        j.add("settings", settings);
        return j;
    }

    /** A Hydra collection page: {@code ?page=n}, 1-based; {@code view.next} only when there is a next page. */
    static JsonObject page(String path, Map<String, String> query, List<JsonObject> all, int pageSize) {
        int page;
        try {
            page = Math.max(1, Integer.parseInt(query.getOrDefault("page", "1")));
        } catch (NumberFormatException e) {
            page = 1;
        }
        JsonObject j = new JsonObject();
        j.addProperty("@type", "hydra:Collection");
        j.addProperty("id", path);
        j.addProperty("totalItems", all.size());
        JsonArray members = new JsonArray();
        int from = Math.min(all.size(), (page - 1) * pageSize);
        for (JsonObject member : all.subList(from, Math.min(all.size(), from + pageSize))) {
            members.add(member);
        }
        j.add("members", members);
        JsonObject view = new JsonObject();
        view.addProperty("id", path + "?" + queryWith(query, page));
        if (from + pageSize < all.size()) {
            view.addProperty("next", path + "?" + queryWith(query, page + 1));
        }
        j.add("view", view);
        return j;
    }

    private static String queryWith(Map<String, String> query, int page) {
        StringBuilder b = new StringBuilder();
        query.forEach((k, v) -> {
            if (!"page".equals(k)) {
                b.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
        });
        return b.append("page=").append(page).toString();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e == null || !e.isJsonPrimitive() ? null : e.getAsString();
    }
}
