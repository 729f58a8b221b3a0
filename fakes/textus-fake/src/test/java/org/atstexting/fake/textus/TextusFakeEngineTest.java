package org.atstexting.fake.textus;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/** The fake is as strict as the TextUs facts: tokens, media types, 201/202, paging, webhooks, rate limit. */
public class TextusFakeEngineTest {

    private static final String JSONLD = TextusFakeEngine.MEDIA_TYPE;
    private final TextusFakeEngine fake = new TextusFakeEngine();
    private HttpServer receiver;
    private final List<String> signatures = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();

    @Before
    public void setUp() throws IOException {
        fake.addAccount("acme", "+12065550100");
        fake.addUser("acme", "alice_r", "tok-alice");
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", ex -> {
            try (ex) {
                bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                signatures.add(ex.getRequestHeaders().getFirst("X-TextUs-Signature"));
                ex.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
    }

    @After
    public void tearDown() {
        receiver.stop(0);
    }

    private FakeResponse call(String method, String path, String query, String token, String body) {
        return fake.handle(method, path, query, token == null ? null : "Bearer " + token, JSONLD, JSONLD,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void withoutAValidBearerTokenEverythingIs401() {
        assertEquals(401, call("GET", "/acme", null, null, null).status());
        assertEquals(401, call("GET", "/acme", null, "tok-wrong", null).status());
        assertEquals(401, fake.handle("GET", "/acme", null, "Basic dG9rLWFsaWNlOg==", JSONLD, null, null).status());
        assertEquals(200, call("GET", "/acme", null, "tok-alice", null).status());
    }

    @Test
    public void jsonLdContentTypesAreRequired() {
        assertEquals(406, fake.handle("GET", "/acme", null, "Bearer tok-alice", "application/json", null, null).status());
        assertEquals(415, fake.handle("POST", "/acme/messages", null, "Bearer tok-alice", JSONLD, "application/json",
                "{\"to\":\"+12065550123\",\"body\":\"hi\"}".getBytes(StandardCharsets.UTF_8)).status());
        assertEquals(0, fake.sent().size());
    }

    @Test
    public void oneRecipientIs201WithTheMessageAndSeveralAre202WithoutABody() {
        FakeResponse one = call("POST", "/acme/messages", null, "tok-alice", "{\"to\":\"+12065550123\",\"body\":\"hi €\"}");
        assertEquals(201, one.status());
        JsonObject message = JsonParser.parseString(one.body()).getAsJsonObject();
        assertTrue(message.get("id").getAsString().startsWith("/messages/"));
        assertEquals("hi €", message.get("body").getAsString());
        FakeResponse many = call("POST", "/acme/messages", null, "tok-alice",
                "{\"to\":[\"+12065550124\",\"+12065550125\"],\"body\":\"hello\"}");
        assertEquals(202, many.status());
        assertNull(many.body());
        assertEquals(3, fake.sent().size());
        assertEquals(422, call("POST", "/acme/messages", null, "tok-alice", "{\"to\":\"2065550123\",\"body\":\"x\"}").status());
        assertEquals(403, call("POST", "/other/messages", null, "tok-alice", "{\"to\":\"+12065550123\",\"body\":\"x\"}").status());
    }

    @Test
    public void collectionsAreHydraPagesNewestFirst() {
        fake.setPageSize(2);
        for (int i = 0; i < 5; i++) {
            fake.receiveQuietly("acme", "+12065550123", "m" + i);
        }
        JsonObject conversations = JsonParser.parseString(call("GET", "/acme/conversations", null, "tok-alice", null)
                .body()).getAsJsonObject();
        String messages = conversations.getAsJsonArray("members").get(0).getAsJsonObject().get("messages").getAsString();
        JsonObject page1 = JsonParser.parseString(call("GET", messages, null, "tok-alice", null).body()).getAsJsonObject();
        assertEquals(5, page1.get("totalItems").getAsInt());
        assertEquals("m4", page1.getAsJsonArray("members").get(0).getAsJsonObject().get("body").getAsString());
        String next = page1.getAsJsonObject("view").get("next").getAsString();
        JsonObject page3 = JsonParser.parseString(call("GET", messages, "page=3", "tok-alice", null).body()).getAsJsonObject();
        assertEquals(1, page3.getAsJsonArray("members").size());
        assertFalse(page3.getAsJsonObject("view").has("next"));
        assertTrue(next, next.endsWith("page=2"));
    }

    @Test
    public void onlyDeliveredAndReceivedAreSentUnlessTheOthersAreSubscribed() {
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        FakeResponse made = call("POST", "/acme/integrations", null, "tok-alice",
                "{\"provider\":\"webhook\",\"config\":{\"baseUrl\":\"" + hook + "\"}}");
        assertEquals(201, made.status());
        String secret = JsonParser.parseString(made.body()).getAsJsonObject().getAsJsonObject("config")
                .get("webhookSecret").getAsString();
        FakeResponse sent = call("POST", "/acme/messages", null, "tok-alice", "{\"to\":\"+12065550123\",\"body\":\"hi\"}");
        String id = JsonParser.parseString(sent.body()).getAsJsonObject().get("id").getAsString();

        fake.setDeliveryState(id, "failed", "landline");
        fake.contactOptsOut("acme", "+12065550123");
        assertEquals("failures and opt-outs are off by default", 0, bodies.size());
        fake.receive("acme", "+12065550123", "hello");
        fake.setDeliveryState(id, "delivered", null);
        assertEquals(2, bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            assertEquals(FakeWebhooks.sign(secret, bodies.get(i).getBytes(StandardCharsets.UTF_8)), signatures.get(i));
            assertTrue(signatures.get(i).matches("[0-9a-f]{64}"));
        }
    }

    @Test
    public void theRateLimitIsCountedPerTokenWithHeadersAnd429RetryAfter() {
        fake.setRateLimit(2);
        FakeResponse first = call("GET", "/acme", null, "tok-alice", null);
        assertEquals("2", first.headers().get("X-RateLimit-Limit"));
        assertEquals("1", first.headers().get("X-RateLimit-Remaining"));
        assertTrue(Long.parseLong(first.headers().get("X-RateLimit-Reset")) > 0);
        call("GET", "/acme", null, "tok-alice", null);
        FakeResponse limited = call("POST", "/acme/messages", null, "tok-alice", "{\"to\":\"+12065550123\",\"body\":\"x\"}");
        assertEquals(429, limited.status());
        assertTrue(Long.parseLong(limited.headers().get("Retry-After")) > 0);
        assertEquals(0, fake.sent().size());
    }

    @Test
    public void sendThenFailStoresTheTextAndLosesTheAnswer() {
        fake.faults().sendThenFail(1);
        assertEquals(502, call("POST", "/acme/messages", null, "tok-alice", "{\"to\":\"+12065550123\",\"body\":\"x\"}").status());
        assertEquals(1, fake.sent().size());
        fake.faults().failNext(500, 1);
        assertEquals(500, call("POST", "/acme/messages", null, "tok-alice", "{\"to\":\"+12065550123\",\"body\":\"y\"}").status());
        assertEquals(1, fake.sent().size());
    }

    @Test
    public void optOutsAreListedAndCreatedWithPut() {
        assertEquals(201, call("PUT", "/acme/opt_outs/%2B12065550123", null, "tok-alice", "{}").status());
        assertEquals(200, call("GET", "/acme/opt_outs/%2B12065550123", null, "tok-alice", null).status());
        assertEquals(404, call("GET", "/acme/opt_outs/%2B12065550199", null, "tok-alice", null).status());
        assertEquals(422, call("POST", "/acme/messages", null, "tok-alice", "{\"to\":\"+12065550123\",\"body\":\"x\"}").status());
        JsonObject list = JsonParser.parseString(call("GET", "/acme/opt_outs", null, "tok-alice", null).body()).getAsJsonObject();
        assertEquals(1, list.get("totalItems").getAsInt());
    }
}
