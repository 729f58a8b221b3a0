package org.atstexting.sandbox.zipwhip.internal;

import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** The answers the sandbox gives: Zipwhip's {@code {success, response}} envelope as UTF-8 JSON, or a fault's. */
final class Replies {

    static final String JSON = "application/json; charset=UTF-8";
    /** No HTML escaping: a body's {@code <}, {@code &} and {@code '} come back as they were sent. */
    static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    private Replies() {
    }

    static SandboxResponse ok(JsonElement response) {
        return new SandboxResponse(200, JSON, Map.of(), envelope(true, response));
    }

    /** HTTP 200 with {@code success:false}: how the API refuses a call. */
    static SandboxResponse refused(String text) {
        return new SandboxResponse(200, JSON, Map.of(), envelope(false, new JsonPrimitive(text)));
    }

    /** An HTTP-level refusal (404, 405, 413, 415, 400), still with the envelope so a client can read why. */
    static SandboxResponse http(int status, String text) {
        return new SandboxResponse(status, JSON, Map.of(), envelope(false, new JsonPrimitive(text)));
    }

    static SandboxResponse rateLimited(int retryAfterSeconds) {
        return new SandboxResponse(429, JSON, Map.of("Retry-After", Integer.toString(retryAfterSeconds)),
                envelope(false, new JsonPrimitive("Rate limit exceeded")));
    }

    /** What a proxy in front of the API would answer: HTML, not JSON. */
    static SandboxResponse serverError() {
        return new SandboxResponse(500, "text/html; charset=UTF-8", Map.of(),
                "<html><body><h1>500 Internal Server Error</h1></body></html>");
    }

    static SandboxResponse malformedJson() {
        return new SandboxResponse(200, JSON, Map.of(), "{\"success\":tru");
    }

    private static String envelope(boolean success, JsonElement response) {
        JsonObject o = new JsonObject();
        o.addProperty("success", success);
        o.add("response", response);
        return GSON.toJson(o);
    }
}
