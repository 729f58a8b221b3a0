package org.atstexting.texting.zipwhip.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.message.BasicNameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.atstexting.texting.provider.support.http.ProviderHttpClients;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Calls one Zipwhip method: a form POST to {@code <base>/<method>}, answered by the
 * {@code success}/{@code response} envelope. Logins and reads are retried by HttpClient's
 * own mechanism ({@link ZipwhipRetryStrategy}); {@code message/send} never is. Failures
 * become {@link ZipwhipCallException}s that say whether the request may have reached
 * Zipwhip. Requests are never logged: they carry passwords and session keys.
 */
final class ZipwhipApi implements Closeable {

    static final String SEND = "message/send";

    /** Zipwhip's answers are small; a larger one is not Zipwhip's envelope. */
    private static final int MAX_BODY_CHARS = 4 * 1024 * 1024;

    private final URI base;
    private final int responseTimeoutSeconds;
    private final CloseableHttpClient http;

    ZipwhipApi(URI base, int connectTimeoutSeconds, int responseTimeoutSeconds, int maxAttempts, long backoffMillis) {
        this.base = base;
        this.responseTimeoutSeconds = responseTimeoutSeconds;
        // the checklist's client (pooled, validated after inactivity, no redirects: one would carry the
        // session key and a password elsewhere); logins and reads are retried, a send never
        this.http = ProviderHttpClients.pooled(connectTimeoutSeconds, responseTimeoutSeconds,
                new ZipwhipRetryStrategy(maxAttempts, backoffMillis));
    }

    URI base() {
        return base;
    }

    ZipwhipReply call(String method, Map<String, String> form) throws ProviderException {
        List<NameValuePair> fields = new ArrayList<>(form.size());
        form.forEach((name, value) -> fields.add(new BasicNameValuePair(name, value)));
        // bodies carry any Unicode: the form is UTF-8 and says so ("application/x-www-form-urlencoded;
        // charset=UTF-8"); HttpClient's form entity would otherwise be ISO-8859-1 and turn "€" into "?"
        ClassicHttpRequest request = ClassicRequestBuilder.post(base.resolve(method))
                .setEntity(new UrlEncodedFormEntity(fields, StandardCharsets.UTF_8))
                .build();
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(ZipwhipRetryStrategy.RETRY_ALLOWED, !SEND.equals(method));
        try {
            return http.execute(request, context, response -> {
                int code = response.getCode();
                if (code == 429) {
                    EntityUtils.consume(response.getEntity());
                    long wait = ZipwhipRetryStrategy.retryAfterMillis(response);
                    throw new Failure(new ZipwhipCallException(Kind.THROTTLED, "Zipwhip is rate limiting " + method
                            + " (HTTP 429)" + whenAgain(wait), false, Math.max(0, wait), true));
                }
                if (code >= 300) {
                    EntityUtils.consume(response.getEntity());
                    throw new Failure(new ZipwhipCallException(Kind.ERROR, "Zipwhip answered " + method
                            + " with HTTP " + code, code >= 500, -1, true));
                }
                String body = response.getEntity() == null ? ""
                        : EntityUtils.toString(response.getEntity(), MAX_BODY_CHARS);
                return parse(method, body);
            });
        } catch (Failure f) {
            throw f.failure;
        } catch (ConnectException | ConnectTimeoutException | NoRouteToHostException | UnknownHostException e) {
            // no connection was made: Zipwhip certainly did not get the request
            throw new ZipwhipCallException(Kind.UNREACHABLE, "Zipwhip could not be reached at " + base + " ("
                    + describe(e) + ")", false, -1);
        } catch (SocketTimeoutException e) {
            throw new ZipwhipCallException(Kind.UNREACHABLE, "Zipwhip did not answer " + method + " within "
                    + responseTimeoutSeconds + " s", true, -1);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new ZipwhipCallException(Kind.UNREACHABLE, "The call of " + method + " was interrupted", true, -1);
        } catch (IOException e) {
            throw new ZipwhipCallException(Kind.UNREACHABLE, "The connection to Zipwhip failed during " + method
                    + " (" + describe(e) + ")", true, -1);
        } catch (IllegalStateException e) {
            // HttpClient's "Connection pool shut down": the provider stopped (or was reconfigured)
            // under this call before a connection was leased, so nothing reached Zipwhip
            throw new ZipwhipCallException(Kind.DISABLED, "The Zipwhip provider stopped before " + method
                    + " was sent; nothing was sent", false, -1);
        }
    }

    /** Says when Zipwhip lets us call again, as its Retry-After asked; empty if it did not say. */
    static String whenAgain(long retryAfterMillis) {
        if (retryAfterMillis < 0) {
            return "; it did not say when to try again";
        }
        long seconds = (retryAfterMillis + 999) / 1000;
        Instant at = Instant.now().plusMillis(retryAfterMillis).truncatedTo(ChronoUnit.SECONDS);
        return "; it asks to wait " + seconds + " s: try again after " + at;
    }

    private static String describe(IOException e) {
        // exception texts of the JDK and HttpClient name hosts and ports, never request bodies
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static ZipwhipReply parse(String method, String body) throws Failure {
        try {
            JsonElement json = JsonParser.parseString(body);
            if (json.isJsonObject() && json.getAsJsonObject().has("success")) {
                JsonObject envelope = json.getAsJsonObject();
                JsonElement success = envelope.get("success");
                if (success.isJsonPrimitive() && success.getAsJsonPrimitive().isBoolean()) {
                    return new ZipwhipReply(success.getAsBoolean(), envelope.get("response"));
                }
            }
        } catch (JsonParseException | IllegalStateException e) {
            // falls through: not the envelope
        }
        // the request arrived and Zipwhip did something: a send's outcome is unknown
        throw new Failure(new ZipwhipCallException(Kind.ERROR,
                "Zipwhip answered " + method + " with something that is not its JSON envelope", true, -1, true));
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** Carries a {@link ZipwhipCallException} out of the response handler. */
    private static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        final transient ZipwhipCallException failure;

        Failure(ZipwhipCallException failure) {
            super(failure.getMessage(), null);
            this.failure = failure;
        }
    }
}
