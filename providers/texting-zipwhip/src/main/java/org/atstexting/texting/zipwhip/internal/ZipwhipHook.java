package org.atstexting.texting.zipwhip.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonObject;

/**
 * One installed webhook as {@code webhook/list} shows it. Its shape is not confirmed
 * (zipwhip-api.md): the id is read from {@code webhookId}, else {@code id}.
 */
record ZipwhipHook(String id, String event, String url) {

    static Optional<ZipwhipHook> of(JsonObject o) {
        String id = Optional.ofNullable(ZipwhipMessages.text(o, "webhookId")).orElse(ZipwhipMessages.text(o, "id"));
        String event = ZipwhipMessages.text(o, "event");
        String url = ZipwhipMessages.text(o, "url");
        return id == null || event == null || url == null ? Optional.empty() : Optional.of(new ZipwhipHook(id, event, url));
    }

    String base() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    Map<String, String> query() {
        try {
            return params(URI.create(url).getRawQuery());
        } catch (IllegalArgumentException e) {
            return new LinkedHashMap<>();
        }
    }

    /** The parameters of a raw query string, decoded; the first of a repeated name wins. */
    static Map<String, String> params(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    /** Whether we installed it for this account: our servlet's path, this account, a secret. */
    boolean ours(String username) {
        Map<String, String> q = query();
        return base().endsWith(ZipwhipClient.WEBHOOK_PATH) && username.equals(q.get("account"))
                && q.containsKey("secret");
    }

    String secret() {
        return query().get("secret");
    }
}
