package org.atstexting.fake.twilio;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;

/** Forms, HTTP Basic and Twilio's error body: {@code {code, message, more_info, status}}. */
final class FakeForms {

    private FakeForms() {
    }

    /** Every name with all its values, in the order sent. */
    static Map<String, List<String>> parse(String form) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Single-valued view (the first value of each), as {@link FakeCall} keeps them. */
    static Map<String, String> firsts(Map<String, List<String>> params) {
        Map<String, String> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String[] basicAuth(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static FakeResponse error(int status, int code, String message) {
        JsonObject json = new JsonObject();
        json.addProperty("code", code);
        json.addProperty("message", message);
        json.addProperty("more_info", "https://www.twilio.com/docs/errors/" + code);
        json.addProperty("status", status);
        return new FakeResponse(status, json.toString());
    }
}
