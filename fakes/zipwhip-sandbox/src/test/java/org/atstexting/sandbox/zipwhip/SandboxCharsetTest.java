package org.atstexting.sandbox.zipwhip;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.FORM;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.form;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.json;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.success;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Bodies are decoded by the charset the request declares, ISO-8859-1 when it declares none (as a
 * servlet container does), and stored and returned exactly.
 */
public class SandboxCharsetTest {

    private static final String ALICE = "2065550101";
    private static final String PW = "sandbox-alice";
    /** One of each class of text the facts name. */
    private static final Map<String, String> TEXTS = Map.of(
            "accents", "Café à Noël, señor Müller? Ça va.",
            "euro", "The fee is 5 € (five euros)",
            "gsm7 extension", "Braces {x} [y] ^ \\ ~ | ok",
            "emoji", "Great news 👍🏽🎉 see you",
            "cjk", "面接は火曜日です。你好，세계",
            "html and quotes", "<b>5 < 6 & \"yes\"</b> it's");

    private StandaloneSandboxServer server;
    private SandboxTestClient client;
    private String session;

    @Before
    public void start() throws Exception {
        server = StandaloneSandboxServer.start();
        server.addAccount(ALICE, PW);
        client = new SandboxTestClient(server.baseUri());
        session = client.login(ALICE, PW);
    }

    @After
    public void stop() {
        server.close();
    }

    private String storedAfterSend(String contentType, Charset encoding, String body) throws Exception {
        int before = server.sent().size();
        success(client.raw("message/send", contentType,
                form(encoding, "session", session, "contacts", "+12065550123", "body", body)));
        List<SandboxMessage> sent = server.sent();
        assertEquals(before + 1, sent.size());
        return sent.get(sent.size() - 1).body();
    }

    @Test
    public void declaredUtf8IsStoredAndReturnedExactly() throws Exception {
        for (Map.Entry<String, String> t : TEXTS.entrySet()) {
            String text = t.getValue();
            assertEquals(t.getKey(), text, storedAfterSend(FORM + "; charset=UTF-8", UTF_8, text));
            JsonObject listed = client.list(session, "limit", "1").get(0).getAsJsonObject();
            assertEquals(t.getKey(), text, listed.get("body").getAsString());
            assertEquals(t.getKey(), text, client.get(session, listed.get("id").getAsLong()).get("body").getAsString());
        }
        // the way a header may also spell it
        assertEquals("ça 👍", storedAfterSend(FORM + ";charset=\"utf-8\"", UTF_8, "ça 👍"));
    }

    @Test
    public void undeclaredCharsetIsReadAsIso88591SoUtf8IsMangled() throws Exception {
        for (Map.Entry<String, String> t : TEXTS.entrySet()) {
            String text = t.getValue();
            String mangled = new String(text.getBytes(UTF_8), ISO_8859_1);
            String stored = storedAfterSend(FORM, UTF_8, text);
            assertEquals(t.getKey(), mangled, stored);
            // plain ASCII survives either way
            if (text.chars().allMatch(c -> c < 128)) {
                assertEquals(text, stored);
            } else {
                assertFalse(t.getKey(), text.equals(stored));
            }
        }
    }

    @Test
    public void iso88591BodiesAreReadByTheirCharset() throws Exception {
        // what an HttpClient form entity sends by default: ISO-8859-1, declared or not
        String accents = TEXTS.get("accents");
        assertEquals(accents, storedAfterSend(FORM, ISO_8859_1, accents));
        assertEquals(accents, storedAfterSend(FORM + "; charset=ISO-8859-1", ISO_8859_1, accents));
        // ISO-8859-1 has no € and no emoji: the encoder already replaced them with '?'
        assertEquals("The fee is 5 ? (five euros)", storedAfterSend(FORM, ISO_8859_1, TEXTS.get("euro")));
        // UTF-8 bytes declared as ISO-8859-1 are mangled like undeclared ones
        assertEquals(new String("é".getBytes(UTF_8), ISO_8859_1), storedAfterSend(FORM + "; charset=ISO-8859-1", UTF_8, "é"));
    }

    @Test
    public void rawUnescapedBytesAreDecodedByTheDeclaredCharsetToo() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(form(UTF_8, "session", session, "contacts", "5551234567").getBytes(UTF_8));
        b.write("&body=".getBytes(UTF_8));
        b.write("Zoë 🎉 面接".getBytes(UTF_8)); // not %-escaped
        success(client.bytes("message/send", FORM + "; charset=UTF-8", b.toByteArray(),
                HttpResponse.BodyHandlers.ofString(UTF_8)));
        assertEquals("Zoë 🎉 面接", server.sent().get(0).body());
    }

    @Test
    public void invalidUtf8BecomesReplacementCharacters() throws Exception {
        String body = form(UTF_8, "session", session, "contacts", "5551234567") + "&body=ok%FF%FEok";
        success(client.raw("message/send", FORM + "; charset=UTF-8", body));
        assertEquals("ok\uFFFD\uFFFDok", server.sent().get(0).body());
    }

    @Test
    public void answersAreUtf8JsonAndSaySo() throws Exception {
        client.sendOne(session, "5551234567", "€ 👍🏽 面接");
        HttpResponse<byte[]> r = client.bytes("message/list", FORM + "; charset=UTF-8",
                form(UTF_8, "session", session).getBytes(UTF_8), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("application/json; charset=UTF-8", r.headers().firstValue("Content-Type").orElse(null));
        JsonObject o = JsonParser.parseString(new String(r.body(), UTF_8)).getAsJsonObject();
        assertEquals("€ 👍🏽 面接", o.getAsJsonArray("response").get(0).getAsJsonObject().get("body").getAsString());
        // the JSON is not HTML-escaped: the raw bytes carry the characters themselves
        assertTrue(new String(r.body(), UTF_8).contains("€ 👍🏽 面接"));
    }

    @Test
    public void unknownCharsetAndBrokenEscapesAreRefusedAndStoreNothing() throws Exception {
        String body = form(UTF_8, "session", session, "contacts", "5551234567", "body", "hi");
        HttpResponse<String> unknown = client.raw("message/send", FORM + "; charset=x-no-such", body);
        assertEquals(415, unknown.statusCode());
        assertFalse(json(unknown).get("success").getAsBoolean());
        HttpResponse<String> broken = client.raw("message/send", FORM + "; charset=UTF-8", body + "%E2%8");
        assertEquals(400, broken.statusCode());
        assertFalse(json(broken).get("success").getAsBoolean());
        assertTrue(server.sent().isEmpty());
    }
}
