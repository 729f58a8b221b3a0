package org.atstexting.sandbox.zipwhip;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.failure;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.success;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.DateStyle;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;

/** Webhook events reach a real HTTP receiver, in order, with the message object as {@code message/list} shows it. */
public class SandboxWebhookDeliveryTest {

    private static final String ALICE = "2065550101";
    private static final String PW = "sandbox-alice";

    private record Received(String path, String contentType, String body) {
    }

    private StandaloneSandboxServer server;
    private SandboxTestClient client;
    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private String url;

    @Before
    public void start() throws Exception {
        server = StandaloneSandboxServer.start();
        server.addAccount(ALICE, PW);
        client = new SandboxTestClient(server.baseUri());
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("Content-Type"), new String(in.readAllBytes(), UTF_8)));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?secret=abc";
    }

    @After
    public void stop() {
        server.close();
        receiver.stop(0);
    }

    private long add(String session, String event) throws Exception {
        return success(client.post("webhook/add", "session", session, "type", "message", "event", event, "url", url))
                .getAsJsonObject().get("webhookId").getAsLong();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private JsonObject body(int i) {
        return JsonParser.parseString(received.get(i).body()).getAsJsonObject();
    }

    @Test
    public void eventsArePostedInOrderWithTheMessageObject() throws Exception {
        String session = client.login(ALICE, PW);
        add(session, "send");
        add(session, "receive");
        add(session, "progress");
        long id = client.sendOne(session, "+12065550123", "Interview Tuesday? 👍🏽");
        server.setStatus(id, "DELIVERED");
        SandboxMessage reply = server.deliverReply("2065550123", ALICE, "Oui, ça marche 🎉");
        await("3 events", () -> received.size() == 3);

        assertEquals("/hook?secret=abc", received.get(0).path());
        assertEquals("application/json; charset=UTF-8", received.get(0).contentType());
        assertEquals(id, body(0).get("id").getAsLong());
        assertEquals("Interview Tuesday? 👍🏽", body(0).get("body").getAsString());
        assertEquals("QUEUED", body(0).getAsJsonObject("transmissionState").get("name").getAsString());
        assertEquals(id, body(1).get("id").getAsLong());
        assertEquals("DELIVERED", body(1).getAsJsonObject("transmissionState").get("name").getAsString());
        assertEquals(reply.id(), body(2).get("id").getAsLong());
        assertEquals("Oui, ça marche 🎉", body(2).get("body").getAsString());
        assertEquals("ptn:/2065550123", body(2).get("address").getAsString());
        // the log entry is written once the receiver has answered: the third may trail its call
        await("3 deliveries logged", () -> server.webhookDeliveries().size() == 3);
        assertEquals(List.of("send", "progress", "receive"),
                server.webhookDeliveries().stream().map(SandboxWebhookDelivery::event).toList());
        assertTrue(server.webhookDeliveries().stream().allMatch(d -> d.status() == 200));
    }

    @Test
    public void eventBodiesFollowTheSwitches() throws Exception {
        server.setOutboundAddressesEmpty(true);
        server.setDateStyle(DateStyle.ZIPWHIP_CLIENT_PATTERN);
        String session = client.login(ALICE, PW);
        add(session, "send");
        client.sendOne(session, "2065550123", "hi");
        await("the send event", () -> received.size() == 1);
        assertEquals("", body(0).get("sourceAddress").getAsString());
        assertEquals("", body(0).get("destAddress").getAsString());
        assertEquals("ptn:/2065550123", body(0).get("address").getAsString());
        assertTrue(body(0).get("dateCreated").getAsString().matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M"));
    }

    @Test
    public void aWebhookInstalledTwiceReceivesEveryEventTwiceAndADeletedOneNothing() throws Exception {
        String session = client.login(ALICE, PW);
        long first = add(session, "receive");
        add(session, "receive");
        server.deliverReply("2065550123", ALICE, "one");
        await("two copies", () -> received.size() == 2);
        success(client.post("webhook/delete", "session", session, "webhookId", Long.toString(first)));
        server.deliverReply("2065550123", ALICE, "two");
        await("one copy", () -> received.size() == 3);
        Thread.sleep(200); // nothing more may come; a late duplicate would show below
        assertEquals(3, received.size());
        assertEquals("two", body(2).get("body").getAsString());
    }

    @Test
    public void webhooksGoneAfterRestartPostNothing() throws Exception {
        String session = client.login(ALICE, PW);
        add(session, "receive");
        server.restart();
        server.deliverReply("2065550123", ALICE, "lost");
        String again = client.login(ALICE, PW);
        assertEquals(0, success(client.post("webhook/list", "session", again)).getAsJsonArray().size());
        add(again, "receive");
        server.deliverReply("2065550123", ALICE, "found");
        await("the event after re-installing", () -> received.size() == 1);
        assertEquals("found", body(0).get("body").getAsString());
    }

    @Test
    public void addRefusesBadValuesAndTooManyWebhooks() throws Exception {
        String session = client.login(ALICE, PW);
        assertTrue(failure(client.post("webhook/add", "session", session, "type", "contact", "event", "receive", "url", url))
                .contains("type"));
        assertTrue(failure(client.post("webhook/add", "session", session, "type", "message", "event", "explode", "url", url))
                .contains("event"));
        assertTrue(failure(client.post("webhook/add", "session", session, "type", "message", "event", "receive", "url",
                "/relative")).contains("url"));
        assertTrue(failure(client.post("webhook/add", "session", session, "type", "message", "event", "receive", "url",
                url, "method", "GET")).contains("method"));
        for (int i = 0; i < 50; i++) {
            add(session, "receive");
        }
        assertTrue(failure(client.post("webhook/add", "session", session, "type", "message", "event", "receive", "url", url))
                .contains("Too many"));
        assertEquals(50, server.webhooks(ALICE).size());
    }
}
