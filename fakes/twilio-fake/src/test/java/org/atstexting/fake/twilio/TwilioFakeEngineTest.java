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

    private JsonObject get(String query) {
        FakeResponse r = engine.handle("GET", PATH, query, basic(SID, "token"), new byte[0]);
        assertEquals(r.body(), 200, r.status());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static String firstBody(JsonObject page) {
        return page.getAsJsonArray("messages").get(0).getAsJsonObject().get("body").getAsString();
    }

    @Test
    public void aNextPageUriNamesTheSameMessagesHoweverManyArriveMeanwhile() {
        for (int i = 0; i < 5; i++) {
            engine.deliverInbound(SID, "+12065550123", "+12065550101", "reply " + i);
        }
        JsonObject first = get("To=%2B12065550101&PageSize=2");
        String next = first.get("next_page_uri").getAsString();
        assertTrue(next, next.contains("PageToken=PA"));
        engine.deliverInbound(SID, java.util.List.of(new FakeInbound("+12065550124", "+12065550101", "later 1"),
                new FakeInbound("+12065550124", "+12065550101", "later 2")), 10);

        JsonObject second = get(next.substring(next.indexOf('?') + 1));
        assertEquals("anchored after reply 3, not shifted by the two that came", "reply 2", firstBody(second));
        assertEquals("later 2", firstBody(get("To=%2B12065550101&PageSize=2")));
    }

    @Test
    public void filtersWholeGmtDaysAndRefusesWhatTwilioWouldRefuse() {
        engine.deliverInbound(SID, "+12065550123", "+12065550101", "today");
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String tomorrow = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1).toString();
        assertEquals(1, get("To=%2B12065550101&DateSent%3E=" + today).getAsJsonArray("messages").size());
        assertEquals(0, get("To=%2B12065550101&DateSent%3E=" + tomorrow).getAsJsonArray("messages").size());
        assertEquals(1, get("DateSent=" + today).getAsJsonArray("messages").size());
        assertEquals(0, get("DateSent%3C=2020-01-01").getAsJsonArray("messages").size());
        assertTrue(get("To=%2B12065550101&DateSent%3E=" + today).get("uri").getAsString().contains("DateSent%3E=" + today));

        for (String bad : new String[] { "PageSize=1001", "PageSize=0", "PageSize=x", "DateSent%3E=yesterday",
                "DateSent%3E=2026-12-01T00:00:00Z", "PageToken=PAnot-a-message" }) {
            assertEquals(bad, 400, engine.handle("GET", PATH, bad, basic(SID, "token"), new byte[0]).status());
        }
    }

    @Test
    public void aBurstIsDatedAtItsRateAndLaterTextsAfterIt() {
        java.util.List<FakeInbound> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            burst.add(new FakeInbound("+12065550123", "+12065550101", "b" + i));
        }
        engine.deliverInbound(SID, burst, 10);
        engine.deliverInbound(SID, "+12065550123", "+12065550101", "after");
        java.util.List<FakeMessage> all = engine.messages(SID);
        assertEquals(101, all.size());
        assertEquals(9, all.get(99).created().getEpochSecond() - all.get(0).created().getEpochSecond());
        assertTrue(!all.get(100).created().isBefore(all.get(99).created()));
        assertEquals("newest first", "after", firstBody(get("PageSize=1")));
    }
}
