package org.atstexting.texting.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.MediaItem;
import org.atstexting.texting.TextMessage;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A record's conversation as JSON: why a text failed (plain sentence and provider code) and its media. */
public class RecordConversationJsonTest {

    private final FakeServices services = new FakeServices();

    @Test
    public void aFailedTextShowsItsPlainReasonAndTheProvidersCode() throws Exception {
        DeliveryFailure unreachable = new DeliveryFailure(DeliveryFailure.Reason.UNREACHABLE, "30003",
                "Unreachable destination handset");
        services.conversation.add(new TextMessage("twilio", "SM1", Direction.OUTBOUND, "+12065550101", "+12065550123",
                "Hi Dana", Instant.EPOCH, "alice", DeliveryStatus.FAILED, unreachable, List.of()));

        JsonObject text = first(services.call(new FakeHttp.Request("GET", "/records/employee:1001/messages")));
        assertEquals("The phone could not be reached; it may be off or out of coverage. (code 30003)",
                text.get("failureReason").getAsString());
        JsonObject failure = text.getAsJsonObject("failure");
        assertEquals("UNREACHABLE", failure.get("reason").getAsString());
        assertEquals(DeliveryFailure.Reason.UNREACHABLE.plain(), failure.get("plain").getAsString());
        assertEquals("30003", failure.get("providerCode").getAsString());
        assertEquals("Unreachable destination handset", failure.get("detail").getAsString());
    }

    @Test
    public void aTextWithoutFailureHasNoReasonAndItsMediaAreListed() throws Exception {
        services.conversation.add(new TextMessage("twilio", "MM1", Direction.INBOUND, "+12065550123", "+12065550101",
                "a photo", Instant.EPOCH, "alice", DeliveryStatus.RECEIVED, null,
                List.of(new MediaItem("https://example.com/1.jpg", "image/jpeg"))));

        JsonObject text = first(services.call(new FakeHttp.Request("GET", "/records/employee:1001/messages")));
        assertTrue(text.get("failure").isJsonNull());
        JsonArray media = text.getAsJsonArray("media");
        assertEquals(1, media.size());
        assertEquals("https://example.com/1.jpg", media.get(0).getAsJsonObject().get("url").getAsString());
        assertEquals("image/jpeg", media.get(0).getAsJsonObject().get("contentType").getAsString());
    }

    private static JsonObject first(FakeHttp.Response response) {
        assertEquals(response.body.toString(), 200, response.status);
        var json = JsonParser.parseString(response.body.toString());
        JsonArray items = json.isJsonArray() ? json.getAsJsonArray() : json.getAsJsonObject().getAsJsonArray("items");
        return items.get(0).getAsJsonObject();
    }
}
