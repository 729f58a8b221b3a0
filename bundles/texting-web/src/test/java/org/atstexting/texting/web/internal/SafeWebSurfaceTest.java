package org.atstexting.texting.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.time.Instant;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.TextMessage;
import org.junit.Test;

/** Each probe of the web surface, and that it is refused before anything reaches a service. */
public class SafeWebSurfaceTest {

    private final FakeServices services = new FakeServices();

    private static FakeHttp.Request post(String path) {
        return new FakeHttp.Request("POST", path);
    }

    private static final String SEND = "{\"record\":\"employee:1001\",\"body\":\"Hi Dana\"}";

    @Test
    public void aCrossSiteTextPlainFormPostSendsNothing() throws Exception {
        FakeHttp.Response response = services.call(post("/messages").body("text/plain", SEND)
                .header("Origin", "http://evil.example").header("Sec-Fetch-Site", "cross-site"));

        assertEquals(403, response.status);
        assertTrue(response.body(), response.body().contains("CROSS_SITE"));
        assertEquals(0, services.sent.size());
    }

    @Test
    public void aTextPlainPostWithoutOriginHeadersIsRefusedToo() throws Exception {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data"}) {
            FakeHttp.Response response = services.call(post("/messages").body(type, SEND));
            assertEquals(type, 415, response.status);
        }
        FakeHttp.Response none = services.call(post("/messages").body("application/json", SEND)
                .header("Content-Type", null));
        assertEquals(415, none.status);
        assertEquals(0, services.sent.size());
    }

    @Test
    public void aJsonPostFromAnotherOriginIsRefused() throws Exception {
        FakeHttp.Response response = services.call(post("/messages").json(SEND).header("Origin", "http://evil.example"));
        assertEquals(403, response.status);
        FakeHttp.Response nullOrigin = services.call(post("/messages").json(SEND).header("Origin", "null"));
        assertEquals(403, nullOrigin.status);
        assertEquals(0, services.sent.size());
    }

    @Test
    public void aSameOriginJsonPostSends() throws Exception {
        FakeHttp.Response response = services.call(post("/messages").json(SEND)
                .header("Origin", "http://127.0.0.1:8080").header("Sec-Fetch-Site", "same-origin"));
        assertEquals(response.body(), 200, response.status);
        assertEquals(1, services.sent.size());
        assertEquals("Hi Dana", services.sent.get(0).body());
        // a client that is not a browser sends neither header
        assertEquals(200, services.call(post("/messages").json(SEND)).status);
        assertEquals(2, services.sent.size());
    }

    @Test
    public void aHundredMegabyteBodyIsRefusedFromItsLengthWithoutBeingRead() throws Exception {
        FakeHttp.Request request = post("/messages").json(SEND);
        request.contentLength = 100L * 1024 * 1024;
        request.body = endless();
        FakeHttp.Response response = services.call(request);

        assertEquals(413, response.status);
        assertEquals(0, request.bytesRead);
        assertEquals(0, services.sent.size());
    }

    @Test
    public void aChunkedBodyIsCutOffOnceItPassesTheCap() throws Exception {
        FakeHttp.Request request = post("/system/zipwhip").json("");
        request.contentLength = -1;
        request.body = endless();
        FakeHttp.Response response = new FakeServices().call(request);
        FakeHttp.Request put = new FakeHttp.Request("PUT", "/system/zipwhip").json("");
        put.contentLength = -1;
        put.body = endless();
        FakeHttp.Response putResponse = services.call(put);

        assertEquals(405, response.status);
        assertEquals(413, putResponse.status);
        assertTrue(put.bytesRead < RequestGuard.MAX_BODY_BYTES + 64 * 1024);
        assertEquals(0, services.saved.size());
    }

    @Test
    public void fieldsHaveLimits() throws Exception {
        String longPassword = "x".repeat(JsonBodies.MAX_PASSWORD + 1);
        FakeHttp.Response password = services.call(new FakeHttp.Request("PUT", "/system/zipwhip")
                .json("{\"username\":\"2065550100\",\"phoneNumber\":\"2065550100\",\"password\":\"" + longPassword + "\"}"));
        FakeHttp.Response body = services.call(post("/messages")
                .json("{\"record\":\"employee:1001\",\"body\":\"" + "x".repeat(1601) + "\"}"));

        assertEquals(400, password.status);
        assertTrue(password.body(), password.body().contains("'password' has 257 characters; at most 256"));
        assertEquals(400, body.status);
        assertEquals(0, services.saved.size());
        assertEquals(0, services.sent.size());
    }

    @Test
    public void aBulkJobHasAtMostAThousandRecords() throws Exception {
        StringBuilder records = new StringBuilder();
        for (int i = 0; i <= JsonBodies.MAX_BULK_RECORDS; i++) {
            records.append(i == 0 ? "" : ",").append("\"employee:").append(i).append('"');
        }
        FakeHttp.Response response = services.call(post("/bulk").json("{\"records\":[" + records + "],\"body\":\"Hi\"}"));

        assertEquals(400, response.status);
        assertTrue(response.body(), response.body().contains("at most 1000"));
        assertEquals(0, services.bulkStarted.size());
    }

    @Test
    public void onlyStrictJsonIsRead() throws Exception {
        String[] bodies = {
            "{\"record\":\"employee:1001\", /* comment */ \"body\":\"Hi\"}",
            "{'record':'employee:1001','body':'Hi'}",
            "{record:\"employee:1001\",body:\"Hi\"}",
            "{\"record\":\"employee:1001\",\"body\":12345}",
            "{\"record\":\"employee:1001\",\"body\":true}",
            "{\"record\":\"employee:1001\",\"body\":\"Hi\"} trailing",
            "{\"record\":\"employee:1001\",\"body\":\"Hi\",\"bcc\":\"+12065550199\"}",
            "[\"employee:1001\"]",
            "{\"record\":\"employee:1001\",\"body\":\"Hi\"",
        };
        for (String json : bodies) {
            FakeHttp.Response response = services.call(post("/messages").json(json));
            assertEquals(json, 400, response.status);
            assertFalse(json + " -> " + response.body(), response.body().matches("(?s).*(com\\.google|gson|Malformed|"
                    + "line \\d|column|JsonReader|Exception).*"));
        }
        assertEquals(0, services.sent.size());
    }

    @Test
    public void controlCharactersAreRefusedButLineBreaksInATextAreKept() throws Exception {
        FakeHttp.Response bell = services.call(post("/messages").json("{\"record\":\"employee:1001\",\"body\":\"Hi\\u0007\"}"));
        FakeHttp.Response escape = services.call(post("/messages").json("{\"record\":\"employee:10\\u001b01\",\"body\":\"Hi\"}"));
        FakeHttp.Response newline = services.call(post("/messages")
                .json("{\"record\":\"employee:1001\",\"body\":\"Hi\\nDana\"}"));

        assertEquals(400, bell.status);
        assertTrue(bell.body(), bell.body().contains("U+0007"));
        assertEquals(400, escape.status);
        assertEquals(200, newline.status);
        assertEquals(1, services.sent.size());
        assertEquals("Hi\nDana", services.sent.get(0).body());
    }

    @Test
    public void aWrongMethodIs405WithAllow() throws Exception {
        FakeHttp.Response get = services.call(new FakeHttp.Request("GET", "/messages"));
        FakeHttp.Response patch = services.call(new FakeHttp.Request("PATCH", "/system/zipwhip").json("{}"));
        FakeHttp.Response unknown = services.call(new FakeHttp.Request("GET", "/nothing/here"));

        assertEquals(405, get.status);
        assertEquals("POST", get.headers.get("Allow"));
        assertEquals(405, patch.status);
        assertEquals("GET, PUT, DELETE", patch.headers.get("Allow"));
        assertEquals(404, unknown.status);
    }

    @Test
    public void anUnexpectedFailureNamesNoLibraryInternals() throws Exception {
        services.sendFailure = new IllegalStateException("org.h2.mvstore.MVStoreException: File corrupted in chunk 42");
        FakeHttp.Response response = services.call(post("/messages").json(SEND));

        assertEquals(500, response.status);
        assertFalse(response.body(), response.body().contains("h2"));
        assertTrue(response.body(), response.body().contains("INTERNAL_ERROR"));
    }

    @Test
    public void everyListIsPaged() throws Exception {
        for (int i = 0; i < 250; i++) {
            services.unmatched.add(new TextMessage("zipwhip", "u" + i, Direction.INBOUND, "+12065550199",
                    "+12065550101", "text " + i, Instant.EPOCH, "alice", DeliveryStatus.RECEIVED));
        }
        FakeHttp.Response first = services.call(new FakeHttp.Request("GET", "/unmatched"));
        FakeHttp.Response last = services.call(new FakeHttp.Request("GET", "/unmatched").param("offset", "200")
                .param("limit", "500"));
        FakeHttp.Response tooMany = services.call(new FakeHttp.Request("GET", "/unmatched").param("limit", "100000"));

        assertEquals(200, first.status);
        assertEquals(Paging.DEFAULT_LIMIT, first.body().split("\"key\"").length - 1);
        assertEquals("250", first.headers.get("X-Total-Count"));
        assertEquals(50, last.body().split("\"key\"").length - 1);
        assertTrue(last.body().contains("text 249"));
        assertEquals(400, tooMany.status);
    }

    /** An input stream that never ends. */
    private static InputStream endless() {
        return new InputStream() {
            @Override
            public int read() {
                return ' ';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) ' ');
                return len;
            }
        };
    }
}
