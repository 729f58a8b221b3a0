package org.atstexting.sandbox.zipwhip;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Speaks real HTTP to a sandbox, as an independent client would: forms in UTF-8 saying so. */
final class SandboxTestClient {

    static final String FORM = "application/x-www-form-urlencoded";

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SandboxTestClient(URI base) {
        this.base = base;
    }

    static String form(Charset charset, String... nameValues) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(nameValues[i], charset)).append('=')
                    .append(URLEncoder.encode(nameValues[i + 1], charset));
        }
        return form.toString();
    }

    /** POSTs a form encoded as UTF-8 with {@code ; charset=UTF-8} declared. */
    HttpResponse<String> post(String method, String... nameValues) throws Exception {
        return raw(method, FORM + "; charset=UTF-8", form(StandardCharsets.UTF_8, nameValues));
    }

    /** POSTs an already encoded body with the given Content-Type (null: none). */
    HttpResponse<String> raw(String method, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(method))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII))
                .timeout(Duration.ofSeconds(20));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** POSTs raw bytes with the given Content-Type; the answer is handed back as bytes. */
    <T> HttpResponse<T> bytes(String method, String contentType, byte[] body, HttpResponse.BodyHandler<T> handler)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(method))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(20))
                .build();
        return http.send(request, handler);
    }

    HttpClient http() {
        return http;
    }

    static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    static JsonElement success(HttpResponse<String> r) {
        assertEquals(r.body(), 200, r.statusCode());
        JsonObject o = json(r);
        assertTrue(r.body(), o.get("success").getAsBoolean());
        return o.get("response");
    }

    static String failure(HttpResponse<String> r) {
        assertEquals(r.body(), 200, r.statusCode());
        JsonObject o = json(r);
        assertFalse(r.body(), o.get("success").getAsBoolean());
        return o.get("response").getAsString();
    }

    String login(String username, String password) throws Exception {
        return success(post("user/login", "username", username, "password", password)).getAsString();
    }

    JsonObject send(String session, String contacts, String body) throws Exception {
        return success(post("message/send", "session", session, "contacts", contacts, "body", body)).getAsJsonObject();
    }

    long sendOne(String session, String contacts, String body) throws Exception {
        return send(session, contacts, body).getAsJsonArray("tokens").get(0).getAsJsonObject().get("message").getAsLong();
    }

    JsonArray list(String session, String... paging) throws Exception {
        String[] args = new String[2 + paging.length];
        args[0] = "session";
        args[1] = session;
        System.arraycopy(paging, 0, args, 2, paging.length);
        return success(post("message/list", args)).getAsJsonArray();
    }

    JsonObject get(String session, long id) throws Exception {
        return success(post("message/get", "session", session, "messages", Long.toString(id))).getAsJsonObject();
    }
}
