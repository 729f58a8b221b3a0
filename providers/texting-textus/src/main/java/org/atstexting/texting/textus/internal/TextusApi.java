package org.atstexting.texting.textus.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.atstexting.texting.provider.support.http.ProviderHttpClients;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One HTTP call to the TextUs Next API: {@code Authorization: Bearer <token>} (the
 * credential's password), {@code Accept} and {@code Content-Type}
 * {@code application/vnd.textus+jsonld}, bodies in UTF-8. Paced by {@link TextusRate}. Transport
 * faults become {@link Kind#UNREACHABLE}; a 2xx body that is not JSON {@link Kind#ERROR}.
 * Requests and their headers are never logged: they carry the token.
 */
final class TextusApi implements Closeable {

    static final String MEDIA_TYPE = "application/vnd.textus+jsonld";
    private static final ContentType JSON_LD = ContentType.create(MEDIA_TYPE, StandardCharsets.UTF_8);
    /** TextUs's answers are pages of at most a few hundred resources; a larger one is not TextUs's. */
    private static final int MAX_BODY_CHARS = 4 * 1024 * 1024;

    /** The HTTP status and the JSON object answered ({@code null} for an error that was not JSON, empty for no body). */
    record Reply(int status, JsonObject json) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** TextUs's error code (e.g. {@code opted_out}), or {@code null}. */
        String errorCode() {
            return json == null ? null : TextusJson.string(json, "code");
        }

        /** TextUs's error message, or the HTTP status. */
        String errorText() {
            String message = json == null ? null : TextusJson.string(json, "message");
            String code = errorCode();
            String text = message == null ? "HTTP " + status : message;
            return code == null ? text : text + " (TextUs code " + code + ")";
        }
    }

    private final URI base;
    private final CloseableHttpClient http;
    private final TextusRate rate;

    TextusApi(URI base, int connectTimeoutSeconds, int responseTimeoutSeconds, TextusRate rate) {
        this.base = base;
        this.rate = rate;
        // the checklist's client: pooled, validated after inactivity (a connection TextUs closed meanwhile
        // does not turn a send into a lost answer), no redirects (one would carry the token elsewhere), and
        // no automatic retries: a send must never be repeated blindly, no idempotency key exists
        this.http = ProviderHttpClients.pooled(connectTimeoutSeconds, responseTimeoutSeconds, null);
    }

    Reply get(ProviderCredentials credentials, String path, String what) throws ProviderException {
        return execute(credentials, ClassicRequestBuilder.get(resolve(path)).build(), what);
    }

    Reply post(ProviderCredentials credentials, String path, JsonObject body, String what) throws ProviderException {
        return execute(credentials, ClassicRequestBuilder.post(resolve(path))
                .setEntity(new StringEntity(body.toString(), JSON_LD)).build(), what);
    }

    Reply put(ProviderCredentials credentials, String path, JsonObject body, String what) throws ProviderException {
        return execute(credentials, ClassicRequestBuilder.put(resolve(path))
                .setEntity(new StringEntity(body.toString(), JSON_LD)).build(), what);
    }

    /** A path relative to the API base; TextUs's resource ids ({@code /messages/x}) are paths too. */
    URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private Reply execute(ProviderCredentials credentials, ClassicHttpRequest request, String what)
            throws ProviderException {
        rate.beforeCall(credentials.username(), what);
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + credentials.password()); // never logged
        request.setHeader(HttpHeaders.ACCEPT, MEDIA_TYPE);
        Reply reply;
        try {
            reply = http.execute(request, response -> {
                rate.afterCall(credentials.username(), header(response, "X-RateLimit-Remaining"),
                        header(response, "X-RateLimit-Reset"));
                if (response.getCode() == 429) {
                    return new Reply(429, retryAfter(response));
                }
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(),
                        StandardCharsets.UTF_8, MAX_BODY_CHARS);
                return new Reply(response.getCode(), parse(response.getCode(), body));
            });
        } catch (Malformed e) {
            throw new ProviderException(Kind.ERROR, e.getMessage() + " for " + what, e);
        } catch (IOException e) {
            throw new ProviderException(Kind.UNREACHABLE, "TextUs could not be reached at " + base + " for " + what
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        } catch (IllegalStateException e) {
            // the client was closed under us: the provider is being reconfigured or stopped
            throw new ProviderException(Kind.UNREACHABLE, "The TextUs provider is restarting; try again", e);
        }
        if (reply.status() == 429) {
            throw rate.refused(credentials.username(), TextusJson.string(reply.json(), "retryAfter"), what);
        }
        return reply;
    }

    private static JsonObject retryAfter(ClassicHttpResponse response) {
        JsonObject o = new JsonObject();
        o.addProperty("retryAfter", header(response, "Retry-After"));
        return o;
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header h = response.getFirstHeader(name);
        return h == null ? null : h.getValue();
    }

    private static JsonObject parse(int status, String body) throws Malformed {
        if (body.isBlank()) {
            return status >= 200 && status < 300 ? new JsonObject() : null;
        }
        try {
            JsonElement json = JsonParser.parseString(body);
            if (json.isJsonObject()) {
                return json.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            // below
        }
        if (status >= 200 && status < 300) {
            throw new Malformed(status);
        }
        return null; // an error page from a proxy: the status says enough
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** A successful answer whose body is not a JSON object. */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        Malformed(int status) {
            super("TextUs answered (HTTP " + status + ") with something that is not a JSON object");
        }
    }
}
