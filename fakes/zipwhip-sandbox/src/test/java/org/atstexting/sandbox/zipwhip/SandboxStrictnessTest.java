package org.atstexting.sandbox.zipwhip;

import static org.atstexting.sandbox.zipwhip.SandboxTestClient.failure;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.json;
import static org.atstexting.sandbox.zipwhip.SandboxTestClient.success;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.google.gson.JsonArray;

/** Where the real service would be strict, the sandbox is: sessions, parameters, contacts, paging, rate limits. */
public class SandboxStrictnessTest {

    private static final String ALICE = "2065550101";
    private static final String PW = "sandbox-alice";

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

    private static boolean mentionsSession(String text) {
        return text.toLowerCase(Locale.ROOT).contains("session");
    }

    @Test
    public void sessionKeyIsUuidColonAccountNumber() throws Exception {
        String session = client.login(ALICE, PW);
        assertTrue(session, session.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:" + ALICE));
        assertFalse(session.equals(client.login(ALICE, PW)));
    }

    @Test
    public void wrongPasswordUnknownUserAndFormattedUsernamesAreRefused() throws Exception {
        failure(client.post("user/login", "username", ALICE, "password", "wrong"));
        failure(client.post("user/login", "username", "206-555-0101", "password", PW));
        failure(client.post("user/login", "username", "+12065550101", "password", PW));
        failure(client.post("user/login", "username", ALICE, "password", PW.toUpperCase(Locale.ROOT)));
        assertEquals(4, server.calls("user/login").size());
    }

    @Test
    public void afterLogoutTheSessionIsRefusedWithATextMentioningIt() throws Exception {
        String session = client.login(ALICE, PW);
        success(client.post("user/logout", "session", session));
        for (String method : List.of("message/list", "message/send", "session/get", "webhook/list", "user/logout")) {
            HttpResponse<String> r = method.equals("message/send")
                    ? client.post(method, "session", session, "contacts", "5551234567", "body", "hi")
                    : client.post(method, "session", session);
            assertTrue(method, mentionsSession(failure(r)));
        }
        assertTrue(server.sent().isEmpty());
    }

    @Test
    public void changingThePasswordKeepsSessionsUnlessSwitchedOn() throws Exception {
        String session = client.login(ALICE, PW);
        server.addAccount(ALICE, "new-password");
        client.list(session);
        failure(client.post("user/login", "username", ALICE, "password", PW));
        String again = client.login(ALICE, "new-password");

        server.setPasswordChangeEndsSessions(true);
        server.addAccount(ALICE, "newer-password");
        assertTrue(mentionsSession(failure(client.post("message/list", "session", again))));
        assertTrue(mentionsSession(failure(client.post("message/list", "session", session))));
    }

    @Test
    public void expiredSessionsAreRefusedAndANewLoginWorks() throws Exception {
        String session = client.login(ALICE, PW);
        server.expireSessions(ALICE);
        assertTrue(mentionsSession(failure(client.post("message/send", "session", session, "contacts", "5551234567",
                "body", "hi"))));
        assertTrue(server.sent().isEmpty());
        client.sendOne(client.login(ALICE, PW), "5551234567", "hi");
        assertEquals(1, server.sent().size());
    }

    @Test
    public void unknownMethodIs404WithSuccessFalse() throws Exception {
        String session = client.login(ALICE, PW);
        for (String method : List.of("message/sendd", "webhook/remove", "conversation/list", "user")) {
            HttpResponse<String> r = client.post(method, "session", session);
            assertEquals(method, 404, r.statusCode());
            assertFalse(json(r).get("success").getAsBoolean());
        }
    }

    @Test
    public void missingParametersAreRefusedWithPlainText() throws Exception {
        assertEquals("Missing parameter 'password' for user/login", failure(client.post("user/login", "username", ALICE)));
        assertEquals("Missing parameter 'session' for message/list", failure(client.post("message/list")));
        String session = client.login(ALICE, PW);
        assertEquals("Missing parameter 'contacts' for message/send",
                failure(client.post("message/send", "session", session, "body", "hi")));
        assertEquals("Missing parameter 'url' for webhook/add",
                failure(client.post("webhook/add", "session", session, "type", "message", "event", "receive")));
        assertEquals("Missing parameter 'webhookId' for webhook/delete", failure(client.post("webhook/delete", "session", session)));
        assertEquals("Missing parameter 'messages' for message/get", failure(client.post("message/get", "session", session)));
        assertTrue(server.sent().isEmpty());
    }

    @Test
    public void contactsInTheFormsTheFactsListAndNoOthers() throws Exception {
        String session = client.login(ALICE, PW);
        client.send(session, "+15551234567,5551234568,ptn:/5551234569", "hi");
        assertEquals(List.of("5551234567", "5551234568", "5551234569"),
                server.sent().stream().map(SandboxMessage::destAddress).toList());
        for (String bad : List.of("15551234567", "(555) 123-4567", "555-123-4567", "555 123 4567", "ptn:/+15551234567",
                "5551234567,,5551234568", "1234567890", "+1555123456", "", "tel:+15551234567")) {
            String text = failure(client.post("message/send", "session", session, "contacts", bad, "body", "hi"));
            assertTrue(bad + ": " + text, text.startsWith("Invalid contact"));
        }
        String many = String.join(",", java.util.Collections.nCopies(101, "5551234567"));
        assertTrue(failure(client.post("message/send", "session", session, "contacts", many, "body", "hi")).startsWith("Too many"));
        assertEquals("a refused send stores nothing, even for its good contacts", 3, server.sent().size());
    }

    @Test
    public void pagingIsNewestFirstAndStrictAboutRanges() throws Exception {
        String session = client.login(ALICE, PW);
        for (int i = 0; i < 5; i++) {
            server.deliverReply("2065550123", ALICE, "m" + i);
        }
        JsonArray page = client.list(session, "start", "1", "limit", "2");
        assertEquals(List.of("m3", "m2"), List.of(page.get(0).getAsJsonObject().get("body").getAsString(),
                page.get(1).getAsJsonObject().get("body").getAsString()));
        assertEquals(1, client.list(session, "start", "4", "limit", "100").size());
        assertEquals(0, client.list(session, "start", "5").size());
        for (String[] bad : List.of(new String[] { "start", "-1" }, new String[] { "limit", "0" },
                new String[] { "limit", "101" }, new String[] { "limit", "ten" }, new String[] { "start", "" },
                new String[] { "start", "99999999999" }, new String[] { "limit", "+5" })) {
            String text = failure(client.post("message/list", "session", session, bad[0], bad[1]));
            assertTrue(String.join("=", bad) + ": " + text, text.startsWith(bad[0]));
        }
    }

    @Test
    public void rateLimitWithALongRetryAfter() throws Exception {
        server.injectRateLimit("message/send", 120, 2);
        String session = client.login(ALICE, PW);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = client.post("message/send", "session", session, "contacts", "5551234567", "body", "hi");
            assertEquals(429, r.statusCode());
            assertEquals("120", r.headers().firstValue("Retry-After").orElse(null));
        }
        assertTrue("a rate-limited send stores nothing", server.sent().isEmpty());
        client.sendOne(session, "5551234567", "hi");
        assertEquals(1, server.sent().size());
    }

    @Test
    public void faultsOfOneMethodApplyInTheOrderInjected() throws Exception {
        server.injectRateLimit("user/login", 30, 1);
        server.injectFault("user/login", ZipwhipSandbox.Fault.SERVER_ERROR, 1);
        assertEquals(429, client.post("user/login", "username", ALICE, "password", PW).statusCode());
        assertEquals(500, client.post("user/login", "username", ALICE, "password", PW).statusCode());
        client.login(ALICE, PW);
    }
}
