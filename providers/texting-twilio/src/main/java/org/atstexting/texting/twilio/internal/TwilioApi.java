package org.atstexting.texting.twilio.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
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
 * One HTTP call to Twilio's REST API, authenticated with HTTP Basic (Account SID : Auth
 * Token), answered by a JSON object: the resource, or Twilio's error
 * {@code {code, message, more_info, status}}. Transport faults become
 * {@link Kind#UNREACHABLE}; a body that is not a JSON object {@link Kind#ERROR}. Requests are
 * never logged: they carry the Auth Token.
 */
final class TwilioApi implements Closeable {


    /** The HTTP status, the JSON object Twilio answered with, and its Retry-After in seconds (-1: none). */
    record Reply(int status, JsonObject json, long retryAfterSeconds) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Twilio's error code (e.g. 21211), or 0. */
        int errorCode() {
            JsonElement code = json.get("code");
            return code != null && code.isJsonPrimitive() && code.getAsJsonPrimitive().isNumber() ? code.getAsInt() : 0;
        }

        /** Twilio's error message, or the HTTP status. */
        String errorText() {
            JsonElement message = json.get("message");
            String text = message != null && message.isJsonPrimitive() ? message.getAsString() : "HTTP " + status;
            int code = errorCode();
            return code == 0 ? text : text + " (Twilio error " + code + ")";
        }
    }

    private final URI base;
    private final CloseableHttpClient http;

    TwilioApi(URI base, int connectTimeoutSeconds, int responseTimeoutSeconds) {
        this(base, connectTimeoutSeconds, responseTimeoutSeconds, 1, 0);
    }

    /**
     * @param maxAttempts attempts in all for a 429 or a connection never made ({@link TwilioRetryStrategy})
     */
    TwilioApi(URI base, int connectTimeoutSeconds, int responseTimeoutSeconds, int maxAttempts, long retryBaseMillis) {
        this.base = base;
        // the checklist's client: pooled, validated after inactivity, no redirects (one would carry the
        // Authorization header elsewhere); only what certainly did nothing is repeated (429, no connection):
        // a send must never be repeated blindly
        this.http = ProviderHttpClients.pooled(connectTimeoutSeconds, responseTimeoutSeconds,
                new TwilioRetryStrategy(maxAttempts, retryBaseMillis));
    }

    /** GETs a path relative to the API base (a leading {@code /}, as in Twilio's page URIs, is allowed). */
    Reply get(ProviderCredentials credentials, String path) throws ProviderException {
        return execute(credentials, ClassicRequestBuilder.get(resolve(path)).build());
    }

    /**
     * POSTs a form to a path relative to the API base. A name may repeat ({@code MediaUrl}).
     * When the request may have reached Twilio and no answer came back (a time-out while
     * waiting, a reset connection), the outcome is unknown: {@link Kind#OUTCOME_UNKNOWN}.
     */
    Reply post(ProviderCredentials credentials, String path, List<Map.Entry<String, String>> form)
            throws ProviderException {
        ClassicRequestBuilder builder = ClassicRequestBuilder.post(resolve(path)).setCharset(StandardCharsets.UTF_8);
        form.forEach(e -> builder.addParameter(e.getKey(), e.getValue()));
        return execute(credentials, builder.build());
    }

    URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private Reply execute(ProviderCredentials credentials, ClassicHttpRequest request) throws ProviderException {
        // do not log the header: it carries the Auth Token
        request.setHeader(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
        request.setHeader(HttpHeaders.ACCEPT, "application/json");
        try {
            return http.execute(request, response -> {
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(),
                        StandardCharsets.UTF_8);
                Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
                return new Reply(response.getCode(), parse(response.getCode(), body), retryAfter == null ? -1
                        : Math.max(-1, TwilioRetryStrategy.retryAfterMillis(response) / 1000));
            });
        } catch (TwilioMalformed e) {
            // an unreadable answer to a create may still mean the message was created
            throw new ProviderException("POST".equals(request.getMethod()) ? Kind.OUTCOME_UNKNOWN : Kind.ERROR,
                    e.getMessage());
        } catch (ConnectException | ConnectTimeoutException | NoRouteToHostException | UnknownHostException e) {
            throw new ProviderException(Kind.UNREACHABLE, "Twilio could not be reached at " + base + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        } catch (IOException e) {
            if ("POST".equals(request.getMethod())) {
                // the request may have been written: Twilio may have created the message
                throw new ProviderException(Kind.OUTCOME_UNKNOWN, "Twilio's answer was lost (" + e.getClass().getSimpleName()
                        + "); the text may have gone out, so it is not sent again", e);
            }
            throw new ProviderException(Kind.UNREACHABLE, "Twilio could not be reached at " + base + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        } catch (IllegalStateException e) {
            // the client was closed under us: the provider is being reconfigured or stopped
            throw new ProviderException(Kind.UNREACHABLE, "The Twilio provider is restarting; try again", e);
        }
    }

    private static JsonObject parse(int status, String body) throws IOException {
        try {
            JsonElement json = JsonParser.parseString(body);
            if (!json.isJsonObject()) {
                throw new TwilioMalformed(status);
            }
            return json.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new TwilioMalformed(status);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** A body that is not a JSON object. */
    private static final class TwilioMalformed extends IOException {
        private static final long serialVersionUID = 1L;

        TwilioMalformed(int status) {
            super("Twilio answered (HTTP " + status + ") with something that is not a JSON object");
        }
    }
}
