package org.atstexting.fake.twilio;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The fake refuses what Twilio refuses, answers as Twilio answers, and signs as Twilio signs. */
public class FakeStrictnessTest {

    private static final String SID = "AC00000000000000000000000000000101";
    private static final String SERVICE = "MG0123456789abcdef0123456789abcdef";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

    private final TwilioFakeEngine engine = new TwilioFakeEngine();

    {
        engine.addAccount(SID, "token");
        engine.addMessagingService(SID, SERVICE, "+12065550199");
    }

    @After
    public void stop() {
        engine.shutdown();
    }

    private FakeResponse post(String form) {
        String auth = "Basic " + Base64.getEncoder().encodeToString((SID + ":token").getBytes(StandardCharsets.UTF_8));
        return engine.handle("POST", PATH, null, auth, form.getBytes(StandardCharsets.UTF_8));
    }

    private static int code(FakeResponse r) {
        return JsonParser.parseString(r.body()).getAsJsonObject().get("code").getAsInt();
    }

    @Test
    public void requiredFieldsAndLimitsAreTwilios() {
        assertEquals(21603, code(post("To=%2B12065550123&Body=x")));
        assertEquals(21602, code(post("To=%2B12065550123&From=%2B12065550101")));
        assertEquals(21617, code(post("To=%2B12065550123&From=%2B12065550101&Body=" + "a".repeat(1601))));
        StringBuilder eleven = new StringBuilder("To=%2B12065550123&From=%2B12065550101");
        for (int i = 0; i < 11; i++) {
            eleven.append("&MediaUrl=https%3A%2F%2Fa.example%2F").append(i);
        }
        assertEquals(400, post(eleven.toString()).status());
        engine.optOut(SID, "+12065550123");
        assertEquals(21610, code(post("To=%2B12065550123&From=%2B12065550101&Body=x")));
        assertTrue("nothing was stored", engine.sent().isEmpty());
        assertEquals(201, post("To=%2B12065550124&From=%2B12065550101&Body=" + "a".repeat(1600)).status());
    }

    @Test
    public void throughAMessagingServiceTheFirstStatusIsAcceptedWithZeroSegmentsAsAString() {
        FakeResponse r = post("To=%2B12065550123&MessagingServiceSid=" + SERVICE + "&Body=hi");
        assertEquals(201, r.status());
        JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals("accepted", json.get("status").getAsString());
        assertEquals("0", json.get("num_segments").getAsString());
        assertTrue(json.get("num_segments").getAsJsonPrimitive().isString());
        assertEquals("+12065550199", json.get("from").getAsString());
        assertTrue(json.get("date_created").getAsString().matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000"));
    }

    @Test
    public void theFakesSignerGivesTwiliosDocumentedSignature() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("Caller", List.of("+14158675310"));
        params.put("Digits", List.of("1234"));
        params.put("From", List.of("+14158675310"));
        params.put("To", List.of("+18005551212"));
        assertEquals("GvWf1cFY/Q7PnoempGyD5oXAezc=",
                FakeWebhooks.sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params));
    }
}
