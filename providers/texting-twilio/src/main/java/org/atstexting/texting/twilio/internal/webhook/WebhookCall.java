package org.atstexting.texting.twilio.internal.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.atstexting.texting.provider.support.webhook.WebhookBodies;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One webhook call as the servlets (javax and jakarta) hand it over, free of any Servlet
 * API: which endpoint, the raw query string, the content type, the signature header and
 * the raw body (read here, bounded). Parameters are parsed from the raw body only: the
 * signature covers the POST parameters, and the query is part of the signed URL.
 */
public record WebhookCall(Endpoint endpoint, String method, String rawQuery, String contentType, String signature,
        byte[] body) {

    /** Where Twilio called. */
    public enum Endpoint {
        INBOUND("/twilio/inbound"), STATUS("/twilio/status");

        public final String path;

        Endpoint(String path) {
            this.path = path;
        }

        /** The endpoint of a servlet path, or {@code null}. */
        public static Endpoint of(String servletPath) {
            for (Endpoint e : values()) {
                if (e.path.equals(servletPath)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** Twilio's parameters are a few dozen; media add two each, at most 10. */
    static final int MAX_PARAMS = 300;
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** Reads a body of at most {@link #MAX_BODY_BYTES}; {@code null} when it is larger. */
    public static byte[] readBody(InputStream in) throws IOException {
        return WebhookBodies.readAtMost(in, MAX_BODY_BYTES);
    }

    boolean json() {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    /**
     * The parameters: every name=value of a form body, repeated names kept; for a JSON body,
     * its top-level values (the signature does not cover them: {@code bodySHA256} does).
     *
     * @throws IllegalArgumentException when the body is not a form or JSON object, or has too many parameters
     */
    SortedMap<String, List<String>> params() {
        String text = new String(body, StandardCharsets.UTF_8);
        SortedMap<String, List<String>> params = new TreeMap<>();
        int count = 0;
        if (json()) {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
            for (var e : ((JsonObject) parsed).entrySet()) {
                if (e.getValue().isJsonPrimitive()) {
                    params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue().getAsString());
                }
            }
            return params;
        }
        if (text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            if (++count > MAX_PARAMS) {
                throw new IllegalArgumentException("more than " + MAX_PARAMS + " parameters");
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** A query parameter of the raw query string, decoded, or {@code null}. */
    String queryParam(String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
