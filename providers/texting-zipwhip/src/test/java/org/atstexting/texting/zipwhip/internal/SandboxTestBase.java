package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.atstexting.sandbox.zipwhip.StandaloneSandboxServer;
import org.atstexting.texting.kit.WebhookLoopback;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The provider against a real sandbox server on loopback, with quick timeouts and backoff. */
abstract class SandboxTestBase {

    static final String ALICE = "2065550101";
    static final String ALICE_E164 = "+12065550101";
    static final String DANA = "+12065550123";
    static final ProviderCredentials ALICE_CREDENTIALS = new ProviderCredentials(ALICE, ALICE_E164, "sandbox-alice");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    StandaloneSandboxServer sandbox;
    ZipwhipInbound inbound;
    RecordingCallback callback = new RecordingCallback();
    ZipwhipProvider provider;
    File secretsFile;
    private final List<WebhookLoopback> webhookServers = new ArrayList<>();

    @Before
    public void startSandbox() throws Exception {
        sandbox = StandaloneSandboxServer.start();
        sandbox.addAccount(ALICE, "sandbox-alice");
        secretsFile = new File(tmp.getRoot(), "zipwhip-webhooks.properties");
        inbound = new ZipwhipInbound(secretsFile);
        inbound.setCallback(callback);
        provider = new ZipwhipProvider(config(), inbound);
    }

    @After
    public void stopSandbox() {
        if (provider != null) {
            provider.deactivate();
        }
        webhookServers.forEach(WebhookLoopback::close);
        sandbox.close();
    }

    /** The webhook endpoint (the servlets' handler over this test's inbound) on a loopback server of its own. */
    WebhookLoopback newWebhookServer() throws IOException {
        WebhookLoopback server = WebhookLoopback.serve(ZipwhipClient.WEBHOOK_PATH,
                request -> new ZipwhipWebhookExchange(inbound).handle(request));
        webhookServers.add(server);
        return server;
    }

    /** The provider installs its webhooks at {@code server} from now on. */
    void useWebhook(WebhookLoopback server) {
        provider.modified(config("callbackBaseUrl", server.baseUrl() + "/"));
    }

    /** POSTs a JSON body as Zipwhip does; the HTTP status. */
    static int post(String url, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Enabled, pointed at the sandbox, 1 s timeouts, 3 attempts 50 ms apart, no rate limit; plus overrides. */
    ZipwhipConfiguration config(Object... overrides) {
        Object[] base = { "enabled", true, "apiBaseUrl", sandbox.baseUri().toString(), "connectTimeoutSeconds", 1,
                "responseTimeoutSeconds", 1, "maxAttempts", 3, "backoffMillis", 50, "sendRatePerSecond", 0,
                "pageSize", 20 };
        Object[] all = new Object[base.length + overrides.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(overrides, 0, all, base.length, overrides.length);
        return Configs.of(all);
    }

    static ProviderException expectFailure(ThrowingRunnable call) {
        try {
            call.run();
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    interface ThrowingRunnable {
        void run() throws ProviderException;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }
}
