package org.atstexting.texting.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.InboxEntry;
import org.atstexting.texting.TextMessage;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The inbox and the last credential test come from the core's services (shared by every node), not
 * from memory of this bundle: what the services answer is what the JSON says, and a read goes to
 * the service.
 */
public class SharedStateEndpointsTest {

    private final FakeServices services = new FakeServices();

    @Test
    public void theInboxIsTheCoresWithTheArchivedTextAndItsReadState() throws Exception {
        TextMessage reply = new TextMessage("zipwhip", "r1", Direction.INBOUND, "+12065550123", "+12065550101",
                "Yes Tuesday works", Instant.parse("2026-01-01T10:00:00Z"), "alice", DeliveryStatus.RECEIVED);
        services.archived.put(reply.key(), reply);
        services.inbox.add(new InboxEntry(reply.key(), Instant.parse("2026-01-01T10:00:00Z"), false));
        services.inbox.add(new InboxEntry("zipwhip:gone", Instant.EPOCH, true)); // not in the archive: left out

        FakeHttp.Response response = services.call(new FakeHttp.Request("GET", "/inbox"));
        assertEquals(response.body.toString(), 200, response.status);
        JsonArray items = items(response);
        assertEquals(1, items.size());
        JsonObject first = items.get(0).getAsJsonObject();
        assertEquals(reply.key(), first.get("key").getAsString());
        assertFalse("the core says it was read (on whichever node)", first.get("unread").getAsBoolean());
        assertEquals("2", response.headers.get("X-Total-Count"));
    }

    @Test
    public void markingReadGoesToTheCoreAndAnUnknownKeyIsRefused() throws Exception {
        services.inbox.add(new InboxEntry("zipwhip:r1", Instant.EPOCH, true));
        FakeHttp.Response read = services.call(new FakeHttp.Request("POST", "/inbox/zipwhip:r1/read").json("{}"));
        assertEquals(read.body.toString(), 200, read.status);
        FakeHttp.Response unknown = services.call(new FakeHttp.Request("POST", "/inbox/zipwhip:r9/read").json("{}"));
        assertEquals(404, unknown.status);
        assertEquals(List.of("zipwhip:r1", "zipwhip:r9"), services.markedRead);
    }

    @Test
    public void theLastTestShownIsTheOneTheCoreKept() throws Exception {
        JsonObject before = object(services.call(new FakeHttp.Request("GET", "/system/zipwhip")));
        assertTrue(before.get("lastTest").isJsonNull());

        JsonObject tested = object(services.call(new FakeHttp.Request("POST", "/system/zipwhip/test").json("{}")));
        assertEquals("2026-01-01T00:00:00Z", tested.get("at").getAsString());

        JsonObject after = object(services.call(new FakeHttp.Request("GET", "/system/zipwhip")));
        JsonObject last = after.getAsJsonObject("lastTest");
        assertEquals("OK", last.get("outcome").getAsString());
        assertTrue(last.get("ok").getAsBoolean());
        assertEquals("Zipwhip accepted them", last.get("message").getAsString());
        assertEquals("2026-01-01T00:00:00Z", last.get("at").getAsString());
    }

    private static JsonArray items(FakeHttp.Response response) {
        var json = JsonParser.parseString(response.body.toString());
        return json.isJsonArray() ? json.getAsJsonArray() : json.getAsJsonObject().getAsJsonArray("items");
    }

    private static JsonObject object(FakeHttp.Response response) {
        assertEquals(response.body.toString(), 200, response.status);
        return JsonParser.parseString(response.body.toString()).getAsJsonObject();
    }
}
