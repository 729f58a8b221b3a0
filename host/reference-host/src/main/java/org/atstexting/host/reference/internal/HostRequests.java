package org.atstexting.host.reference.internal;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The reference host's own JSON calls (login, groups, users, records) follow the same rules
 * as texting's: state changes only as JSON from this origin, bodies of at most
 * {@value #MAX_BODY} bytes, strict JSON, known fields only, no control characters.
 */
final class HostRequests {

    static final int MAX_BODY = 16 * 1024;
    static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /** A refusal with its status. */
    static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        Refusal(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private HostRequests() {
    }

    static Refusal bad(String message) {
        return new Refusal(400, "INVALID_INPUT", message);
    }

    /** The body of a state-changing call, checked as the class comment says. */
    static JsonObject body(HttpServletRequest request, Set<String> fields) throws IOException {
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if ((site != null && !Set.of("same-origin", "none").contains(site.toLowerCase(Locale.ROOT)))
                || (origin != null && !sameOrigin(origin, request.getHeader("Host")))) {
            throw new Refusal(403, "CROSS_SITE", "Requests from another site are refused");
        }
        String type = request.getContentType();
        if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            throw new Refusal(415, "UNSUPPORTED_MEDIA_TYPE", "Send the request as Content-Type: application/json");
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new Refusal(413, "TOO_LARGE", "The request body is larger than " + MAX_BODY + " bytes");
        }
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new Refusal(413, "TOO_LARGE", "The request body is larger than " + MAX_BODY + " bytes");
        }
        JsonObject object = bytes.length == 0 ? new JsonObject() : parse(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
        for (String name : object.keySet()) {
            if (!fields.contains(name)) {
                throw bad("Unknown field '" + name.replaceAll("\\p{Cntrl}", "?") + "'; this call takes " + fields);
            }
        }
        return object;
    }

    private static JsonObject parse(Reader reader) {
        try (JsonReader json = new JsonReader(reader)) {
            json.setStrictness(Strictness.STRICT);
            JsonElement element = new Gson().getAdapter(JsonElement.class).read(json);
            if (json.peek() != JsonToken.END_DOCUMENT || !element.isJsonObject()) {
                throw bad("The body must be one JSON object");
            }
            return element.getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            if (e instanceof Refusal r) {
                throw r;
            }
            throw bad("The body is not strict JSON (no comments, single quotes or trailing text)");
        }
    }

    /** A required one-line string field of at most {@code max} characters. */
    static String string(JsonObject body, String name, int max) {
        JsonElement element = body.get(name);
        if (!(element instanceof JsonPrimitive p) || !p.isString()) {
            throw bad("'" + name + "' is required and must be a JSON string");
        }
        String value = p.getAsString();
        if (value.length() > max) {
            throw bad("'" + name + "' has at most " + max + " characters");
        }
        if (value.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
            throw bad("'" + name + "' contains a control character");
        }
        return value;
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            return host != null && uri.getRawAuthority() != null && host.equalsIgnoreCase(uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        GSON.toJson(body, response.getWriter());
    }

    static void refuse(HttpServletResponse response, Refusal refusal) throws IOException {
        write(response, refusal.status, Map.of("error", refusal.code, "message", refusal.getMessage()));
    }
}
