package org.atstexting.texting.provider.support.http;

import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * One pooled HttpClient 5 per provider configuration, as the provider guide's checklist says:
 * <ul>
 * <li>{@value #MAX_CONNECTIONS} connections in all and per route (one route, the provider's host;
 * the core sends from many threads);</li>
 * <li>connect, socket and response time-outs from configuration;</li>
 * <li>a pooled connection idle for a second is validated before reuse, so a connection the
 * server closed meanwhile is replaced instead of turning a send into an unknown outcome;</li>
 * <li>no redirects (one would carry the password, token or session key to another host, and a
 * redirected POST becomes a GET) and no cookies (credentials go in every request);</li>
 * <li>the provider's retry strategy, or none at all: a send is never repeated by the client.</li>
 * </ul>
 */
public final class ProviderHttpClients {

    /** Connections in the pool, in all and to the provider's host. */
    public static final int MAX_CONNECTIONS = 64;

    private ProviderHttpClients() {
    }

    /**
     * @param retries the strategy that repeats calls marked safe, or {@code null}: no automatic retries
     * @return a client the caller closes when its configuration is retired
     */
    public static CloseableHttpClient pooled(int connectTimeoutSeconds, int responseTimeoutSeconds,
            HttpRequestRetryStrategy retries) {
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(connectTimeoutSeconds))
                                .setSocketTimeout(Timeout.ofSeconds(responseTimeoutSeconds))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(responseTimeoutSeconds, TimeUnit.SECONDS)
                        .build())
                .disableCookieManagement()
                .disableRedirectHandling();
        if (retries == null) {
            builder.disableAutomaticRetries();
        } else {
            builder.setRetryStrategy(retries);
        }
        return builder.build();
    }
}
