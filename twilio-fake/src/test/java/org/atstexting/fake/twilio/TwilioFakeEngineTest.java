package org.atstexting.fake.twilio;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

public class TwilioFakeEngineTest {

    private static final String SID = "AC00000000000000000000000000000101";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

    private final TwilioFakeEngine engine = new TwilioFakeEngine();

    {
        engine.addAccount(SID, "token");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private FakeResponse post(String auth, String form) {
        return engine.handle("POST", PATH, null, auth, form.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void createsAQueuedOutboundMessage() {
        FakeResponse r = post(basic(SID, "token"), "To=%2B12065550123&From=%2B12065550101&Body=Hi+there");
        assertEquals(201, r.status());
        JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals("queued", json.get("status").getAsString());
        assertEquals("outbound-api", json.get("direction").getAsString());
        assertEquals("+12065550123", json.get("to").getAsString());
        assertEquals("Hi there", json.get("body").getAsString());
        assertTrue(json.get("sid").getAsString().matches("SM[0-9a-f]{32}"));
        assertEquals(1, engine.sent().size());
        assertEquals(SID, engine.calls().get(0).username());
    }

    @Test
    public void refusesWrongTokenAndInvalidNumbers() {
        assertEquals(401, post(basic(SID, "wrong"), "To=%2B12065550123&From=%2B12065550101&Body=x").status());
        assertEquals(401, post(null, "To=%2B12065550123&From=%2B12065550101&Body=x").status());
        FakeResponse bad = post(basic(SID, "token"), "To=555&From=%2B12065550101&Body=x");
        assertEquals(400, bad.status());
        assertEquals(21211, JsonParser.parseString(bad.body()).getAsJsonObject().get("code").getAsInt());
    }

    @Test
    public void listsNewestFirstInPages() {
        for (int i = 0; i < 5; i++) {
            engine.deliverInbound(SID, "+12065550123", "+12065550101", "reply " + i);
        }
        FakeResponse first = engine.handle("GET", PATH, "To=%2B12065550101&PageSize=2", basic(SID, "token"), new byte[0]);
        JsonObject page = JsonParser.parseString(first.body()).getAsJsonObject();
        assertEquals("reply 4", page.getAsJsonArray("messages").get(0).getAsJsonObject().get("body").getAsString());
        String next = page.get("next_page_uri").getAsString();
        assertTrue(next, next.startsWith(PATH + "?"));
        FakeResponse last = engine.handle("GET", PATH, "To=%2B12065550101&PageSize=2&Page=2", basic(SID, "token"),
                new byte[0]);
        JsonObject lastPage = JsonParser.parseString(last.body()).getAsJsonObject();
        assertEquals(1, lastPage.getAsJsonArray("messages").size());
        assertTrue(lastPage.get("next_page_uri").isJsonNull());
    }
}
