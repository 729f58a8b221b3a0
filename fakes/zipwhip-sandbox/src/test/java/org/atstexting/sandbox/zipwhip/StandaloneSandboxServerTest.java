package org.atstexting.sandbox.zipwhip;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;

public class StandaloneSandboxServerTest {

    private static final String ALICE = "2065550101";
    private static final String BOB = "2065550102";

    private StandaloneSandboxServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Before
    public void start() throws Exception {
        server = StandaloneSandboxServer.start();
        server.addAccount(ALICE, "sandbox-alice");
        server.addAccount(BOB, "sandbox-bob");
    }

    @After
    public void stop() {
        server.close();
    }

    // ------------------------------------------------------------------ helpers

    private HttpResponse<String> post(String method, String... nameValues) throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(nameValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve(method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .timeout(Duration.ofSeconds(10))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static JsonElement success(HttpResponse<String> r) {
        assertEquals(r.body(), 200, r.statusCode());
        JsonObject o = json(r);
        assertTrue(r.body(), o.get("success").getAsBoolean());
        return o.get("response");
    }

    private static String failure(HttpResponse<String> r) {
        assertEquals(r.body(), 200, r.statusCode());
        JsonObject o = json(r);
        assertFalse(r.body(), o.get("success").getAsBoolean());
        return o.get("response").getAsString();
    }

    private String login(String username, String password) throws Exception {
        return success(post("user/login", "username", username, "password", password)).getAsString();
    }

    private JsonObject send(String session, String contacts, String body) throws Exception {
        return success(post("message/send", "session", session, "contacts", contacts, "body", body)).getAsJsonObject();
    }

    private JsonArray list(String session, String... paging) throws Exception {
        String[] args = new String[2 + paging.length];
        args[0] = "session";
        args[1] = session;
        System.arraycopy(paging, 0, args, 2, paging.length);
        return success(post("message/list", args)).getAsJsonArray();
    }

    // ------------------------------------------------------------------ tests

    @Test
    public void baseUriIsLoopbackUnderBasePath() {
        assertEquals("/zipwhip-sandbox/", server.basePath());
        URI base = server.baseUri();
        assertEquals("127.0.0.1", base.getHost());
        assertTrue(base.getPort() > 0);
        assertEquals("/zipwhip-sandbox/", base.getPath());
    }

    @Test
    public void loginWithGoodCredentialsGivesUuidColonNumberSession() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        assertTrue(session, session.matches("[0-9a-f-]{36}:" + ALICE));
        JsonObject details = success(post("session/get", "session", session)).getAsJsonObject();
        assertEquals(ALICE, details.get("username").getAsString());
    }

    @Test
    public void loginWithBadCredentialsIsRefused() throws Exception {
        assertEquals("Invalid username or password",
                failure(post("user/login", "username", ALICE, "password", "wrong")));
        assertEquals("Invalid username or password",
                failure(post("user/login", "username", "2065559999", "password", "sandbox-alice")));
    }

    @Test
    public void sendThenListShowsTheMessage() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        JsonObject sent = send(session, "+12065550123", "Hello from the ATS");
        JsonArray tokens = sent.getAsJsonArray("tokens");
        assertEquals(1, tokens.size());
        JsonObject token = tokens.get(0).getAsJsonObject();
        long id = token.get("message").getAsLong();
        assertTrue(token.get("message").getAsJsonPrimitive().isNumber());
        assertEquals(token.get("fingerprint").getAsString(), sent.get("fingerprint").getAsString());
        assertEquals(id, sent.get("root").getAsLong());
        assertTrue(token.get("device").getAsJsonPrimitive().isNumber());
        assertTrue(token.get("contact").getAsJsonPrimitive().isNumber());

        JsonArray messages = list(session);
        assertEquals(1, messages.size());
        JsonObject m = messages.get(0).getAsJsonObject();
        assertEquals(id, m.get("id").getAsLong());
        assertEquals("Hello from the ATS", m.get("body").getAsString());
        assertEquals(ALICE, m.get("sourceAddress").getAsString());
        assertEquals("2065550123", m.get("destAddress").getAsString());
        assertEquals("ptn:/2065550123", m.get("address").getAsString());
        assertEquals("QUEUED", m.getAsJsonObject("transmissionState").get("name").getAsString());
        assertEquals("ZO", m.get("type").getAsString());
        assertFalse(m.get("hasAttachment").getAsBoolean());
        assertNotNull(OffsetDateTime.parse(m.get("dateCreated").getAsString()));
        assertNotNull(OffsetDateTime.parse(m.get("lastUpdated").getAsString()));

        JsonObject got = success(post("message/get", "session", session, "messages", Long.toString(id))).getAsJsonObject();
        assertEquals(id, got.get("id").getAsLong());

        assertEquals(1, server.sent().size());
        SandboxMessage stored = server.sent().get(0);
        assertEquals(id, stored.id());
        assertEquals(ALICE, stored.account());
        assertFalse(stored.inbound());
        assertEquals("QUEUED", stored.transmissionState());
    }

    @Test
    public void sendAcceptsEveryContactFormAndSeveralContacts() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        JsonObject sent = send(session, "+15551234567,5551234568, ptn:/5551234569,+447700900123", "Hi all");
        JsonArray tokens = sent.getAsJsonArray("tokens");
        assertEquals(4, tokens.size());
        List<String> dests = server.sent().stream().map(SandboxMessage::destAddress).collect(Collectors.toList());
        assertEquals(List.of("5551234567", "5551234568", "5551234569", "447700900123"), dests);
        Set<Long> ids = new HashSet<>();
        tokens.forEach(t -> ids.add(t.getAsJsonObject().get("message").getAsLong()));
        assertEquals(4, ids.size());
    }

    @Test
    public void sendRefusesBadBodiesAndContacts() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        assertEquals("Message body is empty", failure(post("message/send", "session", session, "contacts", "5551234567", "body", "  ")));
        assertTrue(failure(post("message/send", "session", session, "contacts", "5551234567", "body", "x".repeat(1601)))
                .contains("1600"));
        success(post("message/send", "session", session, "contacts", "5551234567", "body", "x".repeat(1600)));
        assertTrue(failure(post("message/send", "session", session, "contacts", "555-123-4567", "body", "hi"))
                .startsWith("Invalid contact"));
        assertEquals(1, server.sent().size());
    }

    @Test
    public void unknownParameterIsRefused() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        HttpResponse<String> r = post("message/send", "session", session, "contacts", "5551234567", "body", "hi", "x", "1");
        assertEquals("Unknown parameter 'x' for message/send", failure(r));
        assertEquals("Missing parameter 'body' for message/send",
                failure(post("message/send", "session", session, "contacts", "5551234567")));
        assertTrue(server.sent().isEmpty());
        assertEquals(200, server.calls("message/send").get(0).status());
    }

    @Test
    public void invalidSessionIsRefused() throws Exception {
        assertEquals("Invalid session", failure(post("message/send", "session", "nope:2065550101", "contacts", "5551234567", "body", "hi")));
        assertEquals("Invalid session", failure(post("message/list", "session", "nope")));
        assertEquals("Invalid session", failure(post("session/get", "session", "nope")));
        String session = login(ALICE, "sandbox-alice");
        success(post("user/logout", "session", session));
        assertEquals("Invalid session", failure(post("message/list", "session", session)));
        assertEquals("Invalid session", failure(post("user/logout", "session", session)));
        assertTrue(server.sent().isEmpty());
    }

    @Test
    public void onlyFormPostsAndKnownMethods() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.baseUri().resolve("user/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        assertFalse(json(get).get("success").getAsBoolean());

        HttpResponse<String> asJson = http.send(HttpRequest.newBuilder(server.baseUri().resolve("user/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, asJson.statusCode());
        assertFalse(json(asJson).get("success").getAsBoolean());

        HttpResponse<String> unknown = post("message/explode", "session", "x");
        assertEquals(404, unknown.statusCode());
        assertFalse(json(unknown).get("success").getAsBoolean());

        assertEquals(List.of(405, 415, 404), server.calls().stream().map(SandboxCall::status).collect(Collectors.toList()));
    }

    @Test
    public void deliveredReplyAppearsNewestFirstInList() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        long sentId = send(session, "2065550123", "Can you come in Tuesday?").getAsJsonArray("tokens").get(0)
                .getAsJsonObject().get("message").getAsLong();
        SandboxMessage reply = server.deliverReply("+12065550123", ALICE, "Yes, 10am works");
        assertTrue(reply.inbound());
        assertEquals("2065550123", reply.sourceAddress());
        assertEquals(ALICE, reply.destAddress());
        assertTrue(reply.id() > sentId);

        JsonArray messages = list(session);
        assertEquals(2, messages.size());
        JsonObject newest = messages.get(0).getAsJsonObject();
        assertEquals(reply.id(), newest.get("id").getAsLong());
        assertEquals("Yes, 10am works", newest.get("body").getAsString());
        assertEquals("2065550123", newest.get("sourceAddress").getAsString());
        assertEquals(ALICE, newest.get("destAddress").getAsString());
        assertEquals("ptn:/2065550123", newest.get("address").getAsString());
        assertEquals("MO", newest.get("type").getAsString());
        assertEquals(sentId, messages.get(1).getAsJsonObject().get("id").getAsLong());
        // same conversation, same fingerprint
        assertEquals(messages.get(1).getAsJsonObject().get("fingerprint").getAsString(), newest.get("fingerprint").getAsString());

        // oldest first through the Java API; not visible to another account
        assertEquals(List.of(sentId, reply.id()), server.messages(ALICE).stream().map(SandboxMessage::id).collect(Collectors.toList()));
        assertEquals(0, list(login(BOB, "sandbox-bob")).size());
        assertEquals("Message not found", failure(post("message/get", "session", login(BOB, "sandbox-bob"), "messages", Long.toString(reply.id()))));
        assertThrows(IllegalArgumentException.class, () -> server.deliverReply("2065550123", "2065559999", "hi"));
    }

    @Test
    public void listPages() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        for (int i = 0; i < 25; i++) {
            server.deliverReply("2065550123", ALICE, "m" + i);
        }
        assertEquals(20, list(session).size());
        JsonArray page = list(session, "start", "2", "limit", "3");
        assertEquals(3, page.size());
        assertEquals("m22", page.get(0).getAsJsonObject().get("body").getAsString());
        assertEquals("m20", page.get(2).getAsJsonObject().get("body").getAsString());
        assertEquals(0, list(session, "start", "25").size());
        assertTrue(failure(post("message/list", "session", session, "limit", "101")).contains("limit"));
    }

    @Test
    public void setStatusShowsInMessageObjects() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        long id = send(session, "2065550123", "hi").getAsJsonArray("tokens").get(0).getAsJsonObject().get("message").getAsLong();
        server.setStatus(id, "DELIVERED");
        JsonObject m = success(post("message/get", "session", session, "messages", Long.toString(id))).getAsJsonObject();
        assertEquals("DELIVERED", m.getAsJsonObject("transmissionState").get("name").getAsString());
        assertEquals("DELIVERED", server.sent().get(0).transmissionState());
        assertThrows(IllegalArgumentException.class, () -> server.setStatus(999_999_999L, "SENT"));
    }

    @Test
    public void faultServerError() throws Exception {
        server.injectFault("user/login", Fault.SERVER_ERROR, 2);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = post("user/login", "username", ALICE, "password", "sandbox-alice");
            assertEquals(500, r.statusCode());
            assertThrows(JsonSyntaxException.class, () -> JsonParser.parseString(r.body()).getAsJsonObject());
        }
        // after `times` calls the fault is used up
        login(ALICE, "sandbox-alice");
        assertEquals(List.of(500, 500, 200), server.calls("user/login").stream().map(SandboxCall::status).collect(Collectors.toList()));
    }

    @Test
    public void faultRateLimited() throws Exception {
        server.injectFault("user/login", Fault.RATE_LIMITED, 1);
        HttpResponse<String> r = post("user/login", "username", ALICE, "password", "sandbox-alice");
        assertEquals(429, r.statusCode());
        assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
        assertFalse(json(r).get("success").getAsBoolean());
        login(ALICE, "sandbox-alice");
    }

    @Test
    public void faultSlow() throws Exception {
        server.injectFault("user/login", Fault.SLOW, 1);
        long t0 = System.nanoTime();
        String session = login(ALICE, "sandbox-alice");
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue("took " + elapsedMs + " ms", elapsedMs > 2500);
        assertTrue(session.endsWith(":" + ALICE));
    }

    @Test
    public void faultSessionExpired() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        server.injectFault("message/send", Fault.SESSION_EXPIRED, 1);
        assertEquals("Invalid session", failure(post("message/send", "session", session, "contacts", "5551234567", "body", "hi")));
        assertTrue(server.sent().isEmpty());
        // the session really expired; a new login works
        assertEquals("Invalid session", failure(post("message/list", "session", session)));
        send(login(ALICE, "sandbox-alice"), "5551234567", "hi");
        assertEquals(1, server.sent().size());
    }

    @Test
    public void faultMalformedJson() throws Exception {
        server.injectFault("message/list", Fault.MALFORMED_JSON, 1);
        String session = login(ALICE, "sandbox-alice");
        HttpResponse<String> r = post("message/list", "session", session);
        assertEquals(200, r.statusCode());
        assertEquals("{\"success\":tru", r.body());
        assertThrows(JsonSyntaxException.class, () -> JsonParser.parseString(r.body()));
        assertEquals(0, list(session).size());
    }

    @Test
    public void faultSendThenFail() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        server.injectFault("message/send", Fault.SEND_THEN_FAIL, 1);
        HttpResponse<String> r = post("message/send", "session", session, "contacts", "5551234567", "body", "did it go?");
        assertEquals(500, r.statusCode());
        assertThrows(JsonSyntaxException.class, () -> JsonParser.parseString(r.body()).getAsJsonObject());
        // ...yet the message was stored as sent
        assertEquals(1, server.sent().size());
        assertEquals("did it go?", server.sent().get(0).body());
        assertEquals(1, list(session).size());
    }

    @Test
    public void clearFaultsRemovesPendingFaults() throws Exception {
        server.injectFault("user/login", Fault.SERVER_ERROR, 5);
        server.clearFaults();
        login(ALICE, "sandbox-alice");
    }

    @Test
    public void resetForgetsEverythingButAccounts() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        send(session, "5551234567", "hi");
        server.deliverReply("5551234567", ALICE, "hello");
        server.injectFault("user/login", Fault.SERVER_ERROR, 3);

        server.reset();

        assertTrue(server.calls().isEmpty());
        assertTrue(server.sent().isEmpty());
        assertTrue(server.messages(ALICE).isEmpty());
        assertEquals("Invalid session", failure(post("message/list", "session", session)));
        // accounts kept, faults gone
        String again = login(ALICE, "sandbox-alice");
        assertNotEquals(session, again);
        assertEquals(0, list(again).size());
    }

    @Test
    public void callsRecordParamsAndToStringHidesSecrets() throws Exception {
        login(ALICE, "sandbox-alice");
        SandboxCall call = server.calls("user/login").get(0);
        assertEquals("sandbox-alice", call.params().get("password"));
        assertEquals(200, call.status());
        assertFalse(call.toString(), call.toString().contains("sandbox-alice"));
        assertTrue(call.toString(), call.toString().contains(ALICE));
    }

    @Test
    public void concurrentSendsAllGetDistinctIds() throws Exception {
        String session = login(ALICE, "sandbox-alice");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Long>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = "msg " + i;
                tasks.add(() -> send(session, "5551234567", body).getAsJsonArray("tokens").get(0).getAsJsonObject()
                        .get("message").getAsLong());
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Long> f : pool.invokeAll(tasks)) {
                ids.add(f.get());
            }
            assertEquals(200, ids.size());
            assertEquals(200, server.sent().size());
            assertEquals(201, server.calls().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
