package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.sandbox.zipwhip.SandboxCall;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.texting.TextingService;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/**
 * The vendor's set-up guide, walked end to end through the JSON endpoints the host's
 * settings pages call, then a search of everything the walk produced (logs, the Config
 * Admin store on disk, the core's store, every response) for the passwords and session
 * keys it used.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SetupGuideIT extends TextingTestSupport {

    private final String systemPassword = "sys-" + UUID.randomUUID();
    private final String alicePassword = "alice-" + UUID.randomUUID();
    private final String davePassword = "dave-" + UUID.randomUUID();

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final List<String> logLines = new ArrayList<>();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Handler logCapture;

    private ZipwhipSandbox sandbox;
    private HostApi api;

    @Before
    public void setUp() throws Exception {
        sandbox = useTheSandbox(0);
        sandbox.reset();
        sandbox.addAccount("2065550100", systemPassword);
        sandbox.addAccount("2065550101", alicePassword);
        sandbox.addAccount("2065550103", davePassword);
        service(ReferenceHostAdmin.class).addUser("dave", "Dave Newhire", false, "Staff");
        api = new HostApi(context().getProperty("org.osgi.service.http.port"));
        await("the texting endpoints", () -> {
            try {
                return api.call("admin", "GET", "credentials", null).status() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        captureOutput();
    }

    @After
    public void restoreOutput() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        Logger.getLogger("").removeHandler(logCapture);
    }

    @Test
    public void theGuideEndToEndAndNoSecretLeaks() throws Exception {
        // a user cannot add credentials before the admin has entered the system's
        HostApi.Reply early = api.call("alice", "PUT", "user/zipwhip",
                HostApi.credentials("2065550101", "2065550101", alicePassword));
        assertEquals(early.body(), 409, early.status());
        assertTrue(early.body().contains("NO_SYSTEM_CREDENTIALS"));

        // the admin submits the system credentials, views them, and presses Test
        HostApi.Reply saved = api.call("admin", "PUT", "system/zipwhip",
                HostApi.credentials("2065550100", "(206) 555-0100", systemPassword));
        assertEquals(saved.body(), 200, saved.status());
        assertTrue(saved.body().contains("+12065550100"));
        assertTrue(api.call("admin", "GET", "system/zipwhip", null).body().contains("\"username\":\"2065550100\""));
        assertTrue(api.call("admin", "POST", "system/zipwhip/test", null).body().contains("\"outcome\":\"OK\""));
        assertEquals("users may not touch system credentials", 403,
                api.call("alice", "GET", "system/zipwhip", null).status());

        // a user without Can Text is refused everything, and nothing changes
        for (String[] call : new String[][] {
                { "PUT", "user/zipwhip", HostApi.credentials("2065550103", "2065550103", davePassword) },
                { "GET", "user/zipwhip", null }, { "POST", "user/zipwhip/test", null },
                { "DELETE", "user/zipwhip", null },
                { "POST", "messages", "{\"record\":\"employee:1001\",\"body\":\"hi\"}" },
                { "POST", "preview", "{\"body\":\"hi\"}" } }) {
            HostApi.Reply refused = api.call("dave", call[0], call[1], call[2]);
            assertEquals(call[0] + " " + call[1] + ": " + refused.body(), 403, refused.status());
            assertTrue(refused.body().contains("NOT_PERMITTED"));
        }
        assertTrue(sandbox.calls("message/send").isEmpty());

        // alice takes her username; dave, once in a group with Can Text, cannot take hers
        assertEquals(200, api.call("alice", "PUT", "user/zipwhip",
                HostApi.credentials("2065550101", "2065550101", alicePassword)).status());
        service(ReferenceHostAdmin.class).assignGroup("dave", "Recruiters");
        HostApi.Reply taken = api.call("dave", "PUT", "user/zipwhip",
                HostApi.credentials("2065550101", "2065550103", davePassword));
        assertEquals(taken.body(), 409, taken.status());
        assertTrue(taken.body().contains("USERNAME_TAKEN"));
        for (String bad : List.of("dave@corp", "(206)5550103", "206)5550103", "206-555-0103")) {
            HostApi.Reply refused = api.call("dave", "PUT", "user/zipwhip",
                    HostApi.credentials(bad, "2065550103", davePassword));
            assertEquals(bad, 400, refused.status());
            assertTrue(refused.body(), refused.body().contains("special characters"));
        }
        assertEquals("no refusal saved anything", 200, api.call("dave", "GET", "user/zipwhip", null).status());
        assertTrue(api.call("dave", "GET", "user/zipwhip", null).body().contains("\"credentials\":null"));

        // dave adds his own, tests them, and sends from Dana's record
        assertEquals(200, api.call("dave", "PUT", "user/zipwhip",
                HostApi.credentials("2065550103", "206.555.0103", davePassword)).status());
        assertTrue(api.call("dave", "POST", "user/zipwhip/test", null).body().contains("\"outcome\":\"OK\""));
        HostApi.Reply sent = api.call("dave", "POST", "messages",
                "{\"record\":\"employee:1001\",\"body\":\"Hi Dana, this is Dave\"}");
        assertEquals(sent.body(), 200, sent.status());
        assertEquals(1, sandbox.sent().size());

        // the message action decides who sees the texts on the record
        HostApi.Reply hidden = api.call("bob", "GET", "records/employee:1001/messages", null);
        assertEquals(403, hidden.status());
        assertFalse(hidden.body().contains("Hi Dana, this is Dave"));
        await("the text on Dana's record", () -> {
            try {
                return api.call("dave", "GET", "records/employee:1001/messages", null).body()
                        .contains("Hi Dana, this is Dave");
            } catch (Exception e) {
                return false;
            }
        });
        HostApi.Reply shown = api.call("dave", "GET", "records/employee:1001/messages", null);
        assertEquals(200, shown.status());
        assertTrue(shown.body().contains("Hi Dana, this is Dave"));

        // removing credentials removes them
        assertTrue(api.call("dave", "DELETE", "user/zipwhip", null).body().contains("\"removed\":true"));

        assertNoSecretLeaked();
    }

    private void assertNoSecretLeaked() throws IOException {
        Set<String> sessions = sandbox.calls().stream().map(SandboxCall::params).map(p -> p.get("session"))
                .filter(v -> v != null).collect(Collectors.toSet());
        assertFalse("the walk used sessions", sessions.isEmpty());
        Set<String> secrets = new java.util.HashSet<>(sessions);
        secrets.addAll(Set.of(systemPassword, alicePassword, davePassword));

        List<String> places = new ArrayList<>();
        places.add(console.toString(StandardCharsets.UTF_8));
        places.addAll(logLines);
        places.addAll(api.bodies);
        places.addAll(filesOf("org.apache.felix.configadmin"));
        places.addAll(filesOf("org.atstexting.texting.core"));
        // the archive keeps its texts in the shared database now: scan the embedded database file instead
        places.addAll(filesOf("org.atstexting.texting.jdbc"));
        for (String secret : secrets) {
            for (String place : places) {
                assertFalse("a secret leaked into: " + abbreviate(place), place.contains(secret));
            }
        }
    }

    /** Every file in a bundle's data area, as text. */
    private List<String> filesOf(String symbolicName) throws IOException {
        Bundle bundle = Arrays.stream(context().getBundles())
                .filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst().orElseThrow();
        Path area = bundle.getBundleContext().getDataFile("").toPath();
        List<String> contents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(area)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                contents.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertFalse(symbolicName + " stored something", contents.isEmpty());
        return contents;
    }

    private void captureOutput() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut, console), true));
        System.setErr(new PrintStream(new Tee(originalErr, console), true));
        logCapture = new Handler() {
            private final SimpleFormatter formatter = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                synchronized (logLines) {
                    logLines.add(formatter.format(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logCapture.setLevel(java.util.logging.Level.ALL);
        Logger.getLogger("").addHandler(logCapture);
        Logger.getLogger("org.atstexting").setLevel(java.util.logging.Level.ALL);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    /** Writes to both streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
