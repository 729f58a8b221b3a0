package org.atstexting.sandbox.zipwhip;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.FORM;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.failure;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * What the sandbox keeps is bounded: a request body over 64 KiB is refused with 413 without
 * being read, and the call log keeps little of what strangers send. Asserts on what is kept,
 * never on heap timing.
 */
public class SandboxBoundsTest {

    private static final String ALICE = "2065550101";
    private static final String PW = "sandbox-alice";
    private static final long FIFTY_MB = 50L * 1024 * 1024;

    private StandaloneSandboxServer server;
    private SandboxTestClient client;

    @Before
    public void start() throws Exception {
        server = StandaloneSandboxServer.start();
        server.addAccount(ALICE, PW);
        client = new SandboxTestClient(server.baseUri());
    }

    @After
    public void stop() {
        server.close();
    }

    private long keptChars() {
        long n = 0;
        for (SandboxCall c : server.calls()) {
            n += c.method().length();
            for (var e : c.params().entrySet()) {
                n += e.getKey().length() + e.getValue().length();
            }
        }
        return n;
    }

    /**
     * Streams {@code total} bytes of a form body on a raw socket (with a Content-Length, or
     * chunked without one) while reading the answer; the writer stops when the server hangs up.
     *
     * @return the answer's status line and how many bytes the writer got out
     */
    private String[] streamHugeBody(String session, boolean declareLength, long total, AtomicLong written)
            throws Exception {
        URI base = server.baseUri();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + base.getPath() + "message/send HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: " + FORM + "; charset=UTF-8\r\n"
                    + (declareLength ? "Content-Length: " + total + "\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
            out.write(head.getBytes(US_ASCII));
            out.flush();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'a');
                System.arraycopy(("session=" + session + "&contacts=5551234567&body=").getBytes(US_ASCII), 0, chunk, 0,
                        ("session=" + session + "&contacts=5551234567&body=").length());
                try {
                    for (long sent = 0; sent < total; sent += chunk.length) {
                        if (!declareLength) {
                            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(US_ASCII));
                        }
                        out.write(chunk);
                        if (!declareLength) {
                            out.write("\r\n".getBytes(US_ASCII));
                        }
                        written.addAndGet(chunk.length);
                    }
                    if (!declareLength) {
                        out.write("0\r\n\r\n".getBytes(US_ASCII));
                    }
                    out.flush();
                } catch (IOException hungUp) {
                    // the server answered and closed: what we expect
                }
            });
            writer.setDaemon(true);
            writer.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
            String status = in.readLine();
            StringBuilder rest = new StringBuilder();
            for (String line; (line = in.readLine()) != null && !line.isEmpty();) {
                rest.append(line).append('\n');
            }
            writer.join(30_000);
            return new String[] { status, rest.toString() };
        }
    }

    @Test
    public void fiftyMegabytesWithContentLengthAre413AndNothingIsKept() throws Exception {
        String session = client.login(ALICE, PW);
        AtomicLong written = new AtomicLong();
        String[] answer = streamHugeBody(session, true, FIFTY_MB, written);
        assertTrue(answer[0], answer[0].startsWith("HTTP/1.1 413"));
        assertTrue(answer[1], answer[1].toLowerCase().contains("connection: close"));
        assertTrue("the server hung up long before 50 MB: " + written.get(), written.get() < FIFTY_MB);
        assertTrue(server.sent().isEmpty());
        List<SandboxCall> sends = server.calls("message/send");
        assertEquals(1, sends.size());
        assertEquals(413, sends.get(0).status());
        assertEquals("refused before its body was read", 0, sends.get(0).params().size());
        // the sandbox still answers
        client.sendOne(session, "5551234567", "still here");
        assertEquals(1, server.sent().size());
    }

    @Test
    public void fiftyMegabytesChunkedAre413AfterReadingOnlyTheCap() throws Exception {
        String session = client.login(ALICE, PW);
        AtomicLong written = new AtomicLong();
        String[] answer = streamHugeBody(session, false, FIFTY_MB, written);
        assertTrue(answer[0], answer[0].startsWith("HTTP/1.1 413"));
        assertTrue("the server hung up long before 50 MB: " + written.get(), written.get() < FIFTY_MB);
        assertTrue(server.sent().isEmpty());
        assertEquals(0, server.calls("message/send").get(0).params().size());
        assertTrue(keptChars() < 1_000);
    }

    @Test
    public void bodiesJustUnderTheCapFromStrangersKeepOnlyAFewCharactersEach() throws Exception {
        String garbage = "x".repeat(60_000);
        for (int i = 0; i < 40; i++) {
            String text = failure(client.post("message/send", "session", "stolen-" + i, "contacts", "5551234567",
                    "body", garbage));
            assertTrue(text, text.contains("session"));
        }
        assertEquals(40, server.calls("message/send").size());
        // 40 x 60 KB arrived; each kept value is at most 64 characters
        assertTrue("kept " + keptChars(), keptChars() < 40 * 3 * 70);
        String kept = server.calls("message/send").get(0).params().get("body");
        assertEquals(64, kept.length());
        assertTrue(kept.endsWith("…"));
    }

    @Test
    public void overlongBodiesOfAnAccountAreRefusedAndKeptCut() throws Exception {
        String session = client.login(ALICE, PW);
        String text = failure(client.post("message/send", "session", session, "contacts", "5551234567",
                "body", "y".repeat(60_000)));
        assertTrue(text, text.contains("1600"));
        String kept = server.calls("message/send").get(0).params().get("body");
        assertEquals(4_096, kept.length());
        assertTrue(server.sent().isEmpty());
        // a full-length honest body is kept whole in the log and in the store
        String honest = "👍".repeat(1600);
        client.sendOne(session, "5551234567", honest);
        assertEquals(honest, server.calls("message/send").get(1).params().get("body"));
        assertEquals(honest, server.sent().get(0).body());
    }

    @Test
    public void unknownMethodsAndWrongContentTypesKeepNothingOfTheBody() throws Exception {
        byte[] big = new byte[60_000];
        Arrays.fill(big, (byte) 'z');
        assertEquals(404, client.bytes("no/such", FORM, big, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(415, client.bytes("message/send", "text/plain", big,
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(List.of(404, 415), server.calls().stream().map(SandboxCall::status).toList());
        assertTrue(keptChars() < 100);
    }
}
