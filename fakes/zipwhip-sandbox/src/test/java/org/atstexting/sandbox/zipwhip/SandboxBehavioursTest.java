package org.atstexting.sandbox.zipwhip;

import static org.atstexting.sandbox.zipwhip.SandboxTestClient.failure;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.success;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.DateStyle;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The behaviours zipwhip-api.md allows ("Facts that an independent check made plain"), over real HTTP. */
public class SandboxBehavioursTest {

    private static final String ALICE = "2065550101";
    private static final String PW = "sandbox-alice";
    private static final String HOOK = "http://127.0.0.1:9/hook?secret=s3cret";

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

    private JsonObject addHook(String session, String event) throws Exception {
        return success(client.post("webhook/add", "session", session, "type", "message", "event", event, "url", HOOK))
                .getAsJsonObject();
    }

    @Test
    public void outboundAddressesCanBeEmptyWhileAddressTypeAndStateStay() throws Exception {
        server.setOutboundAddressesEmpty(true);
        String session = client.login(ALICE, PW);
        long id = client.sendOne(session, "+12065550123", "hi");
        server.deliverReply("2065550123", ALICE, "hello");
        JsonArray list = client.list(session);
        JsonObject out = list.get(1).getAsJsonObject();
        assertEquals(id, out.get("id").getAsLong());
        assertEquals("", out.get("sourceAddress").getAsString());
        assertEquals("", out.get("destAddress").getAsString());
        assertEquals("ptn:/2065550123", out.get("address").getAsString());
        assertEquals("ZO", out.get("type").getAsString());
        assertEquals("QUEUED", out.getAsJsonObject("transmissionState").get("name").getAsString());
        assertEquals("hi", out.get("body").getAsString());
        JsonObject got = client.get(session, id);
        assertEquals("", got.get("sourceAddress").getAsString());
        assertEquals("", got.get("destAddress").getAsString());
        // inbound messages keep theirs
        JsonObject in = list.get(0).getAsJsonObject();
        assertEquals("2065550123", in.get("sourceAddress").getAsString());
        assertEquals(ALICE, in.get("destAddress").getAsString());

        server.setOutboundAddressesEmpty(false);
        assertEquals(ALICE, client.get(session, id).get("sourceAddress").getAsString());
    }

    @Test
    public void datesInEitherStyle() throws Exception {
        String session = client.login(ALICE, PW);
        long id = client.sendOne(session, "2065550123", "hi");
        Instant iso = OffsetDateTime.parse(client.get(session, id).get("dateCreated").getAsString()).toInstant();

        server.setDateStyle(DateStyle.ZIPWHIP_CLIENT_PATTERN);
        String text = client.get(session, id).get("dateCreated").getAsString();
        assertTrue(text, text.matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} (AM|PM)"));
        DateTimeFormatter f = DateTimeFormatter.ofPattern("MMM d, yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);
        assertEquals(iso.truncatedTo(ChronoUnit.SECONDS), Instant.from(f.parse(text)));
    }

    @Test
    public void webhookAddListDelete() throws Exception {
        String session = client.login(ALICE, PW);
        JsonObject hook = addHook(session, "receive");
        long id = hook.get("webhookId").getAsLong();
        assertEquals("receive", hook.get("event").getAsString());
        assertEquals(HOOK, hook.get("url").getAsString());
        JsonArray listed = success(client.post("webhook/list", "session", session)).getAsJsonArray();
        assertEquals(1, listed.size());
        assertEquals(id, listed.get(0).getAsJsonObject().get("webhookId").getAsLong());

        success(client.post("webhook/delete", "session", session, "webhookId", Long.toString(id)));
        assertEquals(0, success(client.post("webhook/list", "session", session)).getAsJsonArray().size());
        assertEquals("Webhook not found", failure(client.post("webhook/delete", "session", session, "webhookId", Long.toString(id))));
        assertTrue(server.webhooks(ALICE).isEmpty());
    }

    @Test
    public void refusedWebhookEventsAreNotInstalled() throws Exception {
        server.refuseWebhookEvents(Set.of("progress"));
        String session = client.login(ALICE, PW);
        addHook(session, "receive");
        String text = failure(client.post("webhook/add", "session", session, "type", "message", "event", "progress", "url", HOOK));
        assertTrue(text, text.contains("progress"));
        assertEquals(List.of("receive"), server.webhooks(ALICE).stream().map(SandboxWebhook::event).toList());
        server.refuseWebhookEvents(Set.of());
        addHook(session, "progress");
        assertEquals(2, server.webhooks(ALICE).size());
    }

    @Test
    public void webhooksCanDieWithTheirSession() throws Exception {
        String session = client.login(ALICE, PW);
        addHook(session, "receive");
        success(client.post("user/logout", "session", session));
        assertEquals("webhooks survive sessions by default", 1, server.webhooks(ALICE).size());

        server.setWebhooksSurviveSessions(false);
        String again = client.login(ALICE, PW);
        addHook(again, "send");
        success(client.post("user/logout", "session", again));
        assertEquals(List.of("receive"), server.webhooks(ALICE).stream().map(SandboxWebhook::event).toList());
    }

    @Test
    public void restartDropsSessionsAndWebhooksButKeepsMessages() throws Exception {
        String session = client.login(ALICE, PW);
        addHook(session, "receive");
        long id = client.sendOne(session, "2065550123", "hi");
        server.restart();
        assertTrue(failure(client.post("message/list", "session", session)).toLowerCase(Locale.ROOT).contains("session"));
        assertTrue(server.webhooks(ALICE).isEmpty());
        String again = client.login(ALICE, PW);
        assertEquals(id, client.get(again, id).get("id").getAsLong());
        assertEquals(1, server.sent().size());
    }
}
