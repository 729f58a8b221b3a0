package org.atstexting.itest.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.StandaloneSandboxServer;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.junit.runners.MethodSorters;

/**
 * ats-texting on a stock Apache Karaf 4.4.10, as an integrator installs it: the features
 * install with nothing else there and say what they wait for; Karaf's own http-whiteboard
 * (Pax Web 8, javax) serves the Zipwhip webhook; a provider uninstalls on its own; a tiny host
 * (the reference host, with the Jakarta whiteboard it needs) lets the components start, a text
 * goes out through Zipwhip (the sandbox, in this JVM) and the host's whiteboard serves the webhook; uninstalling and
 * reinstalling the core keeps the credentials. The steps build on each other (in name order).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class StockKarafIT {

    private static final String VERSION = System.getProperty("atstexting.version", "0.1.0-SNAPSHOT");
    private static final String ACCOUNT = "2065550188";
    private static final String ACCOUNT_E164 = "+12065550188";
    private static final String SYSTEM_ACCOUNT = "2065550177";
    private static final String BODY = "hello from a stock karaf";

    private static final int FELIX_HTTP_PORT = Karaf.freePort();

    private static Karaf karaf;
    private static StandaloneSandboxServer sandbox;

    @Rule
    public TestWatcher dumpLogOnFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description description) {
            System.err.println("==== karaf.log (tail) after " + description.getMethodName() + " failed ====\n"
                    + (karaf == null ? "(no Karaf)" : karaf.log()));
        }
    };

    @BeforeClass
    public static void startKaraf() throws Exception {
        sandbox = StandaloneSandboxServer.start();
        sandbox.addAccount(ACCOUNT, "karaf-sandbox-pw");
        sandbox.addAccount(SYSTEM_ACCOUNT, "karaf-system-pw");
        Path work = Path.of(System.getProperty("karaf.work", "target/karaf-run")).resolve("run-" + System.nanoTime());
        karaf = Karaf.unpack(Path.of(System.getProperty("karaf.dist")), work, Path.of(System.getProperty("karaf.repo")),
                Path.of(System.getProperty("maven.local.repo")));
        try {
            karaf.start();
        } catch (Throwable e) {
            System.err.println("==== karaf.log ====\n" + karaf.log());
            throw e;
        }
    }

    @AfterClass
    public static void stopKaraf() throws Exception {
        try {
            if (karaf != null) {
                karaf.close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    @Test
    public void a_installsWithNothingElseThereAndSaysWhichHostServicesItWaitsFor() throws Exception {
        String out = karaf.shell("feature:repo-add mvn:org.atstexting/features/" + VERSION + "/xml/features;"
                + " feature:install ats-texting ats-texting-zipwhip;"
                + " echo (bundle:list -t 0 -s | grep org.atstexting); echo (texting:status)");
        assertFalse(out, out.contains("Error executing command"));
        for (String bundle : List.of("texting.api", "texting.core", "texting.permissions", "texting.archive",
                "texting.zipwhip")) {
            String line = lineWith(out, "org.atstexting." + bundle);
            // Active, or Karaf's "Waiting" (active, with components waiting for services)
            assertTrue(line, line.contains("Active") || line.contains("Waiting"));
        }
        assertTrue(out, out.contains("waiting for host services HostUsers, HostRecords, HostSecurityGroups"));
        assertTrue("the log says it too", karaf.log().contains(
                "ats-texting: waiting for the host's services [HostUsers, HostRecords, HostSecurityGroups]"));
    }

    @Test
    public void b_karafsOwnHttpWhiteboardServesTheWebhookBeforeAnyHostIsThere() throws Exception {
        String out = karaf.shell("feature:install http-whiteboard");
        assertFalse(out, out.contains("Error executing command"));
        assertEquals("GET on the webhook on Pax Web: only POST", 405, awaitStatus(karaf.httpPort, 405));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI webhook = URI.create("http://127.0.0.1:" + karaf.httpPort + "/zipwhip/webhook?account=" + ACCOUNT
                + "&secret=wrong");
        HttpResponse<String> forbidden = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("a wrong secret: " + forbidden.body(), 403, forbidden.statusCode());
    }

    @Test
    public void c_aProviderUninstallsOnItsOwn() throws Exception {
        String out = karaf.shell("feature:uninstall ats-texting-zipwhip; echo (bundle:list -t 0 -s | grep org.atstexting)");
        assertFalse(out, out.contains("Error executing command"));
        assertFalse(out, out.contains("org.atstexting.texting.zipwhip"));
        String core = lineWith(out, "org.atstexting.texting.core");
        assertTrue(core, core.contains("Active") || core.contains("Waiting"));
        // Pax Web goes again before the host brings its own (Jakarta) whiteboard: one javax.servlet exporter at a time
        out = karaf.shell("feature:uninstall http-whiteboard");
        assertFalse(out, out.contains("Error executing command"));
    }

    @Test
    public void d_aTinyHostStartsTheComponentsAndATextGoesOutThroughZipwhip() throws Exception {
        Path hostFeatures = karaf.home.resolve("test-host-features.xml");
        // the reference host serves its login page on a Jakarta whiteboard, which it requires
        // (osgi.implementation=osgi.http 2.0, enforced by the framework), so it comes with Felix HTTP
        Files.writeString(hostFeatures, """
                <features name="test-host" xmlns="http://karaf.apache.org/xmlns/features/v1.6.0">
                  <feature name="test-reference-host" version="1.0.0">
                    <config name="org.apache.felix.http">
                      org.osgi.service.http.port = %d
                      org.apache.felix.http.host = 127.0.0.1
                    </config>
                    <bundle>mvn:org.apache.felix/org.apache.felix.http.servlet-api/6.1.0</bundle>
                    <feature version="%s">ats-texting-api</feature>
                    <feature>scr</feature>
                    <bundle dependency="true">mvn:com.google.code.gson/gson/2.15.0</bundle>
                    <bundle dependency="true">mvn:com.googlecode.libphonenumber/libphonenumber/9.0.19</bundle>
                    <bundle dependency="true">mvn:com.h2database/h2/2.5.252</bundle>
                    <!-- the host keeps its records in the shared database: it needs texting-jdbc of its own,
                         so uninstalling texting's features leaves the host resolved -->
                    <bundle dependency="true" start-level="70">mvn:org.osgi/org.osgi.service.jdbc/1.1.0</bundle>
                    <bundle dependency="true">mvn:com.zaxxer/HikariCP/7.1.0</bundle>
                    <bundle>mvn:org.atstexting/texting-jdbc/%s</bundle>
                    <bundle>mvn:commons-io/commons-io/2.20.0</bundle>
                    <bundle>mvn:commons-fileupload/commons-fileupload/1.6.0</bundle>
                    <bundle>mvn:org.apache.felix/org.apache.felix.http.jetty12/1.1.8</bundle>
                    <bundle>mvn:org.atstexting/reference-host/%s</bundle>
                  </feature>
                </features>
                """.formatted(FELIX_HTTP_PORT, VERSION, VERSION, VERSION));
        String out = karaf.shell("feature:repo-add " + hostFeatures.toUri()
                + "; feature:install test-reference-host ats-texting-zipwhip");
        assertFalse(out, out.contains("Error executing command"));
        karaf.await("echo (texting:status)", s -> s.contains("host services present; texting service active"), 60);

        karaf.shell("config:edit org.atstexting.zipwhip; config:property-set enabled true;"
                + " config:property-set apiBaseUrl " + sandbox.baseUri() + "; config:update");
        karaf.await("echo (texting:providers)", s -> s.contains("zipwhip"), 60);
        out = karaf.shell("echo (texting:setsystem admin zipwhip " + SYSTEM_ACCOUNT + " +1" + SYSTEM_ACCOUNT
                + " karaf-system-pw)");
        assertTrue(out, out.contains("Saved"));
        out = karaf.shell("echo (texting:setuser alice zipwhip " + ACCOUNT + " " + ACCOUNT_E164 + " karaf-sandbox-pw)");
        assertTrue(out, out.contains("Saved"));
        out = karaf.shell("echo (texting:send alice +12065550123 " + BODY + ")");
        assertFalse(out, out.contains("Error executing command"));
        List<SandboxMessage> sent = sandbox.sent().stream().filter(m -> m.body().equals(BODY)).toList();
        assertEquals("the sandbox got the text once: " + out, 1, sent.size());
        assertEquals("+12065550123", normalise(sent.get(0).destAddress()));
        assertEquals("the Jakarta webhook servlet on the host's Felix HTTP: only POST", 405,
                awaitStatus(FELIX_HTTP_PORT, 405));
    }

    @Test
    public void e_credentialsOutliveUninstallingAndReinstallingTheCore() throws Exception {
        String out = karaf.shell("feature:uninstall ats-texting-zipwhip ats-texting;"
                + " echo (bundle:list -t 0 -s | grep org.atstexting)");
        assertFalse(out, out.contains("Error executing command"));
        assertFalse("the core is gone: " + out, out.contains("org.atstexting.texting.core"));
        assertTrue("the embedded database is outside the bundle data areas",
                Files.isDirectory(karaf.home.resolve("data/ats-texting/db")));

        out = karaf.shell("feature:install ats-texting");
        assertFalse(out, out.contains("Error executing command"));
        karaf.await("echo (texting:status)", s -> s.contains("texting service active"), 60);
        out = karaf.shell("echo (texting:showuser alice zipwhip)");
        assertTrue("the saved credentials are still there: " + out, out.contains("username " + ACCOUNT));
    }

    /** GETs the webhook on {@code port} until it answers {@code wanted} (or 90 s pass); returns the last status. */
    private static int awaitStatus(int port, int wanted) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI webhook = URI.create("http://127.0.0.1:" + port + "/zipwhip/webhook?account=" + ACCOUNT + "&secret=wrong");
        int status = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (status != wanted && System.nanoTime() < deadline) {
            try {
                status = http.send(HttpRequest.newBuilder(webhook).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            if (status != wanted) {
                Thread.sleep(1000);
            }
        }
        return status;
    }

    private static String lineWith(String out, String text) {
        return out.lines().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + text + " in:\n" + out));
    }

    private static String normalise(String address) {
        String digits = address.replaceAll("[^0-9]", "");
        return digits.length() == 10 ? "+1" + digits : "+" + digits;
    }
}
