package org.atstexting.texting.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What every call must pass before an endpoint sees it.
 *
 * <p>Cross-site request forgery: a browser lets any site POST a form ({@code text/plain},
 * {@code application/x-www-form-urlencoded}, {@code multipart/form-data}) to this host with
 * the user's cookies or cached Basic credentials, but sends {@code application/json} across
 * sites only after a CORS preflight this host never answers. So every state-changing call
 * must be JSON, and when the browser says where the call comes from ({@code Sec-Fetch-Site},
 * {@code Origin}) it must come from this host. Clients that are not browsers (curl, other
 * services) send neither header and are let through: they hold the credentials themselves.
 *
 * <p>Size: a body longer than {@link #MAX_BODY_BYTES} is refused from its
 * {@code Content-Length} without being read, and a chunked one as soon as it grows past it.
 */
final class RequestGuard {

    /** The largest request body any endpoint takes (a bulk job of 1,000 records fits). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "DELETE", "PATCH");
    private static final Set<String> SAME_SITE_FETCH = Set.of("same-origin", "none");
    private static final TypeAdapter<JsonElement> ELEMENTS = new Gson().getAdapter(JsonElement.class);

    private RequestGuard() {
    }

    static boolean changesState(String method) {
        return STATE_CHANGING.contains(method);
    }

    /** Refuses a state-changing call that is not JSON or that a browser sent from another site. */
    static void checkStateChange(HttpServletRequest request) {
        if (!changesState(request.getMethod())) {
            return;
        }
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_SITE_FETCH.contains(fetchSite.toLowerCase(Locale.ROOT))) {
            throw crossSite();
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            throw crossSite();
        }
        if (!isJson(request.getContentType())) {
            throw new WebRefusal(415, "UNSUPPORTED_MEDIA_TYPE",
                    "Send the request as Content-Type: application/json");
        }
        long length = request.getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        if (origin.equals("null")) {
            return false; // sandboxed frames, file: pages, some redirects
        }
        try {
            URI uri = URI.create(origin);
            String host = request.getHeader("Host");
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && uri.getHost() != null
                    && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(uri.getRawAuthority()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reads the body as one strict JSON object: no comments, no single quotes, no unquoted
     * names, nothing after the object. An empty body is an empty object.
     */
    static JsonObject readObject(HttpServletRequest request) throws IOException {
        Reader reader = new InputStreamReader(new CappedInput(request.getInputStream(), MAX_BODY_BYTES),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
        try (JsonReader json = new JsonReader(reader)) {
            json.setStrictness(Strictness.STRICT);
            if (json.peek() == JsonToken.END_DOCUMENT) {
                return new JsonObject();
            }
            JsonElement element = ELEMENTS.read(json);
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw WebRefusal.badInput("The body must be one JSON object and nothing after it");
            }
            if (!element.isJsonObject()) {
                throw WebRefusal.badInput("The body must be a JSON object");
            }
            return element.getAsJsonObject();
        } catch (CharacterCodingException e) {
            throw WebRefusal.badInput("The body is not valid UTF-8");
        } catch (WebRefusal e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            if (e.getCause() instanceof WebRefusal refusal) {
                throw refusal;
            }
            // Gson's own message names its internals and parser state: say it plainly instead.
            throw WebRefusal.badInput("The body is not strict JSON (no comments, single quotes or trailing text)");
        }
    }

    static WebRefusal tooLarge() {
        return new WebRefusal(413, "TOO_LARGE", "The request body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    private static WebRefusal crossSite() {
        return new WebRefusal(403, "CROSS_SITE", "Requests from another site are refused");
    }

    /** Stops reading a body that grows past the cap (chunked bodies have no length to check first). */
    private static final class CappedInput extends InputStream {
        private final InputStream in;
        private final long cap;
        private long read;

        CappedInput(InputStream in, long cap) {
            this.in = in;
            this.cap = cap;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++read > cap) {
                throw new IOException(tooLarge());
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0 && (read += n) > cap) {
                throw new IOException(tooLarge());
            }
            return n;
        }
    }
}
