package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.atstexting.sandbox.zipwhip.SandboxCall;
import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.SandboxWebhookDelivery;
import org.atstexting.sandbox.zipwhip.StandaloneSandboxServer;
import org.atstexting.testsupport.postgres.TestDatabases;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Two nodes of one ATS on one PostgreSQL, as a host runs them behind a load balancer: two demo
 * jars as child processes (two frameworks, two Config Admins, no shared files but the key) and
 * one Zipwhip sandbox here, outside both, as Zipwhip is. Whatever one node learns the other
 * knows at once, and work that must happen once happens once.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class TwoNodesIT {

    private static final String SYSTEM_ACCOUNT = "2065550100";
    private static final String ALICE_ACCOUNT = "2065550101";
    /** The demo's records (reference host): employee 1002 and contact 2001 have numbers no other record has. */
    private static final String EMPLOYEE = "employee:1002";
    private static final String EMPLOYEE_NUMBER = "+12065550124";
    private static final String CONTACT = "contact:2001";
    private static final String CONTACT_NUMBER = "+12065550125";

    private static StandaloneSandboxServer sandbox;
    private static DemoProcess a;
    private static DemoProcess b;
    private static String jdbcUrl;

    @BeforeClass
    public static void startTwoNodes() throws Exception {
        sandbox = StandaloneSandboxServer.start();
        sandbox.addAccount(SYSTEM_ACCOUNT, "two-nodes-system-pw");
        sandbox.addAccount(ALICE_ACCOUNT, "two-nodes-alice-pw");
        String url = TestDatabases.postgresUrl(TestDatabases.newDatabaseName());
        jdbcUrl = url;
        Path jar = Path.of(System.getProperty("atstexting.demo.jar", "../../distribution/bndrun/target/demo.jar"));
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "two-nodes");
        // one key for all nodes (issue: credentials saved on one node must decrypt on the other)
        List<String> shared = List.of("-Datstexting.jdbc.url=" + url, "-Datstexting.jdbc.user=postgres",
                "-Datstexting.credentials.keyFile=" + work.resolve("credentials.key"));
        a = new DemoProcess(jar, work.resolve("a"), freePort(), shared);
        b = new DemoProcess(jar, work.resolve("b"), freePort(), shared);
        a.start(); // first: it creates the key file and migrates the schema
        b.start();
        for (DemoProcess node : List.of(a, b)) {
            // the balancer's address is B's: Zipwhip's webhooks reach B, A learns through the database
            node.configure("org.atstexting.zipwhip", "enabled", "true", "apiBaseUrl", sandbox.baseUri().toString(),
                    "callbackBaseUrl", "http://127.0.0.1:" + b.port());
            node.configure(InboundSettings.PID, "pollIntervalSeconds", "1");
            // no quiet hours: the scheduled and bulk texts below go whatever the time of day the build runs
            node.configure("org.atstexting.texting.core.bulk", "sendWindowStart", "00:00", "sendWindowEnd", "00:00");
        }
    }

    @AfterClass
    public static void stopNodes() throws InterruptedException {
        for (AutoCloseable closeable : new AutoCloseable[] {a, b, sandbox}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort: the next test run uses new ports and folders
            }
        }
    }

    @Test
    public void a_credentialsSavedOnOneNodeWorkOnTheOther() throws Exception {
        assertEquals(200, a.call("admin", "PUT", "/ats/texting/system/zipwhip",
                HostApi.credentials(SYSTEM_ACCOUNT, SYSTEM_ACCOUNT, "two-nodes-system-pw")).status());
        assertEquals(200, a.call("alice", "PUT", "/ats/texting/user/zipwhip",
                HostApi.credentials(ALICE_ACCOUNT, ALICE_ACCOUNT, "two-nodes-alice-pw")).status());
        // Config Admin applies the provider's configuration on its own thread: wait until each node's Zipwhip is on
        for (DemoProcess node : List.of(a, b)) {
            assertTrue("node on port " + node.port() + " tests alice's credentials saved on A", await(() -> {
                try {
                    return node.call("alice", "POST", "/ats/texting/user/zipwhip/test", null).body()
                            .contains("\"outcome\":\"OK\"");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
        }

        HostApi.Reply sent = b.call("alice", "POST", "/ats/texting/messages",
                "{\"record\":\"" + EMPLOYEE + "\",\"body\":\"Sent by node B with credentials saved on A\"}");
        assertEquals(sent.body(), 200, sent.status());
        assertEquals("one text reached Zipwhip", 1, sandbox.sent().stream()
                .filter(m -> m.body().equals("Sent by node B with credentials saved on A")).count());
        assertTrue("node A shows the text node B sent on the record", await(() -> messagesOn(a, EMPLOYEE)
                .contains("Sent by node B with credentials saved on A")));
    }

    @Test
    public void b_aStopReceivedByOneNodeRefusesSendsOnTheOtherAtOnce() throws Exception {
        assertEquals(200, a.call("alice", "POST", "/ats/texting/messages",
                "{\"record\":\"" + CONTACT + "\",\"body\":\"Before the stop\"}").status());
        int before = sandbox.sent().size();
        SandboxMessage stop = sandbox.deliverReply(CONTACT_NUMBER, ALICE_ACCOUNT, "STOP");
        // received = node B answered Zipwhip's webhook: it answers once every node's memory of opt-outs has it
        assertTrue("node B answered Zipwhip's webhook of the STOP", await(() -> delivered(stop.id()) != null));
        assertEquals("node B took the STOP", 200, delivered(stop.id()).status());
        assertTrue(optedOut(b, CONTACT_NUMBER));

        HostApi.Reply refused = a.call("alice", "POST", "/ats/texting/messages",
                "{\"record\":\"" + CONTACT + "\",\"body\":\"After the stop\"}");
        assertEquals(refused.body(), 409, refused.status());
        assertTrue(refused.body(), refused.body().contains("OPTED_OUT"));
        // the confirmation reply ("you are opted out") is the only text after the STOP
        assertTrue("nothing after the stop but its confirmation",
                sandbox.sent().stream().skip(before).noneMatch(m -> m.body().equals("After the stop")));
    }

    @Test
    public void c_aWebhookDeliveredToEitherNodeIsArchivedOnce() throws Exception {
        SandboxMessage reply = sandbox.deliverReply(EMPLOYEE_NUMBER, ALICE_ACCOUNT, "Delivered to both nodes");
        assertTrue("Zipwhip delivered the text to node B; webhooks " + sandbox.webhooks(ALICE_ACCOUNT) + ", added "
                + sandbox.calls("webhook/add") + ", deleted " + sandbox.calls("webhook/delete"),
                await(() -> delivered(reply.id()) != null));
        SandboxWebhookDelivery toB = delivered(reply.id());
        assertEquals("node B accepted it", 200, toB.status());
        // the balancer may send the very same call to the other node (a retry after a time-out)
        int atA = post(toB.url().replace(":" + b.port() + "/", ":" + a.port() + "/"), toB.body());
        assertEquals("node A accepts the call too: the webhook's secret is shared", 200, atA);

        assertTrue(await(() -> count(messagesOn(a, EMPLOYEE), "Delivered to both nodes") >= 1));
        Thread.sleep(2_000); // a second copy, if any, would be archived by now (poll interval 1 s)
        assertEquals("on the record once, seen from A", 1, count(messagesOn(a, EMPLOYEE), "Delivered to both nodes"));
        assertEquals("on the record once, seen from B", 1, count(messagesOn(b, EMPLOYEE), "Delivered to both nodes"));
    }

    @Test
    public void cc_theInboxTheLastTestAndTheLoginAreTheSameOnBothNodes() throws Exception {
        SandboxMessage reply = sandbox.deliverReply(EMPLOYEE_NUMBER, ALICE_ACCOUNT, "For alice's inbox");
        String key = "zipwhip:" + reply.id();
        assertTrue("the reply is in alice's inbox on A", await(() -> Boolean.TRUE.equals(unread(a, key))));
        assertEquals("and on B, unread", Boolean.TRUE, unread(b, key));
        assertEquals(200, a.call("alice", "POST", "/ats/texting/inbox/" + key + "/read", "{}").status());
        assertEquals("read on A: read on B", Boolean.FALSE, unread(b, key));

        // alice pressed Test on both nodes (a_): each node shows the last one, the same
        String lastOnA = JsonParser.parseString(a.call("alice", "GET", "/ats/texting/user/zipwhip", null).body())
                .getAsJsonObject().get("lastTest").toString();
        assertTrue(lastOnA, lastOnA.contains("\"outcome\":\"OK\""));
        assertEquals(lastOnA, JsonParser.parseString(b.call("alice", "GET", "/ats/texting/user/zipwhip", null)
                .body()).getAsJsonObject().get("lastTest").toString());

        // a form login on A is a session on B (no sticky balancer); signing out on B ends it on A
        HttpClient browser = HttpClient.newHttpClient();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(a.url("/ats/session")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"alice\",\"password\":\"demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(login.body(), 200, login.statusCode());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        assertEquals(200, withCookie(browser, b, "GET", "/ats/texting/me", cookie));
        assertEquals(200, withCookie(browser, b, "DELETE", "/ats/session", cookie));
        assertEquals("signed out on B: A no longer knows the session", 401,
                withCookie(browser, a, "GET", "/ats/texting/me", cookie));
    }

    @Test
    public void d_eachAccountIsPolledByOneNodeAtATime() throws Exception {
        int from = sandbox.calls("message/list").size();
        Thread.sleep(6_000); // six poll intervals on each node
        List<SandboxCall> polls = sandbox.calls("message/list");
        Set<String> sessions = new LinkedHashSet<>();
        for (SandboxCall call : polls.subList(Math.min(from, polls.size()), polls.size())) {
            sessions.add(call.params().get("session"));
        }
        assertTrue("the accounts were polled: " + polls.size(), polls.size() > from);
        // each node logs in with its own session per account: two accounts polled by both nodes
        // would show four sessions; one owner per account shows at most two
        assertTrue("one node per account: sessions " + sessions.size(), sessions.size() <= 2);
    }

    @Test
    public void e_aScheduledTextIsSentOnceByWhicheverNodeHoldsIt() throws Exception {
        String when = java.time.Instant.now().plusSeconds(5).toString();
        HostApi.Reply scheduled = a.call("alice", "POST", "/ats/texting/scheduled",
                "{\"sendAt\":\"" + when + "\",\"record\":\"" + EMPLOYEE + "\",\"body\":\"Scheduled on A, sent once\"}");
        assertEquals(scheduled.body(), 200, scheduled.status());
        assertTrue("listed on the other node until it goes",
                b.call("alice", "GET", "/ats/texting/scheduled", null).body().contains("Scheduled on A, sent once"));
        assertTrue("sent when due", await(() -> sentWith("Scheduled on A, sent once") >= 1));
        Thread.sleep(5_000); // both nodes look for due texts every few seconds: a second send would be there by now
        assertEquals("sent exactly once", 1, sentWith("Scheduled on A, sent once"));
    }

    /**
     * Ten bulk jobs of 1,000 recipients (the JSON endpoint takes at most 1,000 records a job),
     * node A killed with SIGKILL half way: node B finishes every job once A's claims run out,
     * looks up A's texts under way at Zipwhip, and every one of the 10,000 got exactly one text.
     */
    @Test
    public void f_tenThousandBulkRecipientsWithANodeKilledHalfWayGetExactlyOneTextEach() throws Exception {
        int recipients = 10_000;
        List<String> records = ManyRecords.create(jdbcUrl, recipients);
        for (DemoProcess node : List.of(a, b)) {
            node.configure("org.atstexting.zipwhip", "enabled", "true", "apiBaseUrl", sandbox.baseUri().toString(),
                    "callbackBaseUrl", "http://127.0.0.1:" + b.port(), "sendRatePerSecond", "0");
            node.configure("org.atstexting.texting.core.bulk", "bulkSendsPerSecond", "150", "sendWindowStart", "00:00",
                    "sendWindowEnd", "00:00", "claimSeconds", "10");
        }
        for (int job = 0; job < recipients / 1_000; job++) {
            StringBuilder json = new StringBuilder("{\"body\":\"Open day on Friday\",\"records\":[");
            for (int i = job * 1_000; i < (job + 1) * 1_000; i++) {
                json.append(i == job * 1_000 ? "" : ",").append('"').append(records.get(i)).append('"');
            }
            HostApi.Reply started = a.call("alice", "POST", "/ats/texting/bulk", json.append("]}").toString());
            assertEquals(started.body(), 200, started.status());
        }
        assertTrue("half sent", await(() -> sentWith("Open day on Friday") >= recipients / 2, 300));
        a.kill();
        String atKill = "at the kill: recipients " + bulkStates() + "; sends per session " + sendsPerSession();
        System.out.println("A killed; " + atKill);
        boolean finished = await(() -> sentWith("Open day on Friday") >= recipients, 600);
        String bulkThread = "";
        if (!finished) {
            String dump = b.threadDump();
            System.out.println("node B's threads:\n" + dump);
            // the bulk sender's stack, in the failure's message: where B stood when it stopped
            int at = dump.indexOf("\"ats-texting bulk sender\"");
            bulkThread = at < 0 ? "no bulk sender thread" : dump.substring(at, Math.min(dump.length(),
                    dump.indexOf("\n\n", at) < 0 ? dump.length() : dump.indexOf("\n\n", at)));
        }
        assertTrue("node B finished A's part: " + sentWith("Open day on Friday") + "; recipients "
                + bulkStates() + "; sends per session " + sendsPerSession() + "; " + atKill + "; " + bulkThread, finished);
        Thread.sleep(5_000); // a text sent twice would be there by now
        java.util.Map<String, Long> perNumber = sandbox.sent().stream().filter(m -> m.body().equals("Open day on Friday"))
                .collect(java.util.stream.Collectors.groupingBy(SandboxMessage::destAddress,
                        java.util.stream.Collectors.counting()));
        assertEquals("every recipient texted", recipients, perNumber.size());
        assertEquals("nobody texted twice: " + perNumber.entrySet().stream().filter(e -> e.getValue() > 1).limit(5)
                .toList(), 0, perNumber.values().stream().filter(n -> n > 1).count());
    }

    // ------------------------------------------------------------------ helpers

    /** The bulk recipients by state and claimant, as the shared database has them. */
    private static String bulkStates() {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "");
                java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT state, claimed_by, "
                        + "claimed_until > CURRENT_TIMESTAMP, COUNT(*) FROM bulk_recipient GROUP BY 1, 2, 3")) {
            StringBuilder out = new StringBuilder();
            while (rs.next()) {
                out.append(rs.getString(1)).append('/').append(rs.getString(2)).append(rs.getBoolean(3) ? "(held)" : "")
                        .append('=').append(rs.getLong(4)).append(' ');
            }
            return out.toString();
        } catch (java.sql.SQLException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * How many message/send calls each Zipwhip session made (one session per node and account),
     * by a hash of the session key: the key itself is a secret even in a test's output.
     */
    private static java.util.Map<String, Long> sendsPerSession() {
        return sandbox.calls("message/send").stream().collect(java.util.stream.Collectors.groupingBy(
                call -> Integer.toHexString(String.valueOf(call.params().get("session")).hashCode()),
                java.util.stream.Collectors.counting()));
    }

    private static long sentWith(String body) {
        return sandbox.sent().stream().filter(m -> m.body().equals(body)).count();
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        return await(condition, 60);
    }

    private static boolean await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1_000L;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(250);
        }
        return condition.getAsBoolean();
    }

    private static String messagesOn(DemoProcess node, String record) {
        try {
            return node.call("alice", "GET", "/ats/texting/records/" + record + "/messages?limit=500", null).body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Whether the text is unread in alice's inbox on that node; null when it is not there. */
    private static Boolean unread(DemoProcess node, String key) {
        try {
            for (JsonElement item : JsonParser.parseString(node.call("alice", "GET", "/ats/texting/inbox", null).body())
                    .getAsJsonArray()) {
                JsonObject text = item.getAsJsonObject();
                if (key.equals(text.get("key").getAsString())) {
                    return text.get("unread").getAsBoolean();
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int withCookie(HttpClient browser, DemoProcess node, String method, String path, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url(path))).header("Cookie", cookie)
                .header("Content-Type", "application/json");
        request.method(method, "DELETE".equals(method) ? HttpRequest.BodyPublishers.ofString("{}")
                : HttpRequest.BodyPublishers.noBody());
        return browser.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean optedOut(DemoProcess node, String e164) {
        try {
            return node.call("alice", "GET", "/ats/texting/consent/" + e164.replace("+", "%2B"), null).body()
                    .contains("\"optedOut\":true");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static SandboxWebhookDelivery delivered(long messageId) {
        return sandbox.webhookDeliveries().stream()
                .filter(d -> d.messageId() == messageId && "receive".equals(d.event())).findFirst().orElse(null);
    }

    private static int count(String json, String text) {
        int n = 0;
        for (int i = json.indexOf(text); i >= 0; i = json.indexOf(text, i + text.length())) {
            n++;
        }
        return n;
    }

    private static int post(String url, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The PID of the inbound settings (polling). */
    private static final class InboundSettings {
        static final String PID = "org.atstexting.texting.core";
    }
}
