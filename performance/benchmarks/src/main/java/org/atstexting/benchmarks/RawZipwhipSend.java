package org.atstexting.benchmarks;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.util.Timeout;
import org.atstexting.sandbox.zipwhip.StandaloneSandboxServer;

import com.google.gson.JsonParser;

/** The send benchmark's physical limit: Zipwhip's {@code message/send} by plain HttpClient, nothing else. */
final class RawZipwhipSend {

    private RawZipwhipSend() {
    }

    static CloseableHttpClient client(int threads) {
        // the provider's own settings: pooled, 64 connections, the same timeouts
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(64).setMaxConnPerRoute(64)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(10)).setSocketTimeout(Timeout.ofSeconds(45))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(45)).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
    }

    /** Logs in once (as the provider does), then posts message/send with the session, reading each answer. */
    static SendBenchmark.Task task(CloseableHttpClient http, StandaloneSandboxServer sandbox, String account,
            String password) throws Exception {
        String session = http.execute(ClassicRequestBuilder.post(sandbox.baseUri().resolve("user/login"))
                .addParameter("username", account).addParameter("password", password).build(),
                response -> JsonParser.parseString(EntityUtils.toString(response.getEntity())).getAsJsonObject()
                        .get("response").getAsString());
        return () -> http.execute(ClassicRequestBuilder.post(sandbox.baseUri().resolve("message/send"))
                .addParameter("session", session).addParameter("contacts", SendBenchmark.recipient()).addParameter("body", SendBenchmark.BODY).build(),
                response -> {
                    String body = EntityUtils.toString(response.getEntity());
                    if (response.getCode() != 200 || !JsonParser.parseString(body).getAsJsonObject()
                            .get("success").getAsBoolean()) {
                        throw new IllegalStateException("raw send failed: " + body);
                    }
                    return body;
                });
    }
}
