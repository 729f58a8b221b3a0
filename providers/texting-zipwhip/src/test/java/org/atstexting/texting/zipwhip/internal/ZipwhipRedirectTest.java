package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.spi.ProviderCredentials;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import com.sun.net.httpserver.HttpServer;

/** The HttpClient checklist: a redirect is never followed, so a password or session key never goes elsewhere. */
public class ZipwhipRedirectTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private HttpServer redirecting;
    private HttpServer elsewhere;
    private ZipwhipProvider provider;

    @After
    public void stop() {
        if (provider != null) {
            provider.deactivate();
        }
        redirecting.stop(0);
        elsewhere.stop(0);
    }

    @Test
    public void aRedirectIsNotFollowed() throws Exception {
        AtomicInteger reached = new AtomicInteger();
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", ex -> {
            reached.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        elsewhere.start();
        redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirecting.createContext("/", ex -> {
            ex.getResponseHeaders().set("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort()
                    + ex.getRequestURI().getPath());
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        redirecting.start();
        provider = new ZipwhipProvider(Configs.of("enabled", true, "apiBaseUrl",
                "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/", "maxAttempts", 1),
                new ZipwhipInbound(new File(tmp.getRoot(), "secrets.properties")));

        CredentialCheck check = provider.test(new ProviderCredentials("2065550101", "+12065550101", "secret"));

        assertEquals(check.message(), Outcome.PROVIDER_ERROR, check.outcome());
        assertEquals("nothing reached the redirect's target", 0, reached.get());
    }
}
