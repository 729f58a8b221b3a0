package org.atstexting.texting.zipwhip.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Calls one Zipwhip method: a form POST to {@code <base>/<method>}, answered by the
 * {@code success}/{@code response} envelope. Transport faults become
 * {@link Kind#UNREACHABLE}, anything that is not the envelope {@link Kind#ERROR}.
 * Requests are never logged: they carry passwords and session keys.
 */
final class ZipwhipApi implements Closeable {

    private static final int MAX_CONNECTIONS = 64;

    private final URI base;
    private final CloseableHttpClient http;

    ZipwhipApi(URI base, int connectTimeoutSeconds, int responseTimeoutSeconds) {
        this.base = base;
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(connectTimeoutSeconds))
                        .setSocketTimeout(Timeout.ofSeconds(responseTimeoutSeconds))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(responseTimeoutSeconds, TimeUnit.SECONDS)
                        .build())
                .disableAutomaticRetries() // a send must never be repeated blindly
                .disableCookieManagement()
                .build();
    }

    ZipwhipReply call(String method, Map<String, String> form) throws ProviderException {
        ClassicRequestBuilder builder = ClassicRequestBuilder.post(base.resolve(method));
        form.forEach(builder::addParameter);
        ClassicHttpRequest request = builder.build();
        try {
            return http.execute(request, response -> {
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
                if (response.getCode() >= 300) {
                    throw new ZipwhipHttpStatus(response.getCode());
                }
                return parse(method, body);
            });
        } catch (ZipwhipHttpStatus e) {
            throw new ProviderException(Kind.ERROR, "Zipwhip answered " + method + " with HTTP " + e.status);
        } catch (ZipwhipMalformed e) {
            throw new ProviderException(Kind.ERROR, e.getMessage());
        } catch (IOException e) {
            throw new ProviderException(Kind.UNREACHABLE, "Zipwhip could not be reached at " + base + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    private static ZipwhipReply parse(String method, String body) throws IOException {
        try {
            JsonElement json = JsonParser.parseString(body);
            if (!json.isJsonObject() || !json.getAsJsonObject().has("success")) {
                throw new ZipwhipMalformed(method);
            }
            JsonObject envelope = json.getAsJsonObject();
            return new ZipwhipReply(envelope.get("success").getAsBoolean(), envelope.get("response"));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new ZipwhipMalformed(method);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /** Carries an HTTP error status out of the response handler. */
    private static final class ZipwhipHttpStatus extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        ZipwhipHttpStatus(int status) {
            super("HTTP " + status);
            this.status = status;
        }
    }

    /** A body that is not Zipwhip's JSON envelope. */
    static final class ZipwhipMalformed extends IOException {
        private static final long serialVersionUID = 1L;

        ZipwhipMalformed(String method) {
            super("Zipwhip answered " + method + " with something that is not its JSON envelope");
        }
    }
}
