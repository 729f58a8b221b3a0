package org.atstexting.fake.support;

import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.Test;

/** The standalone server hands the fake what it received below its base path, and answers 404 elsewhere. */
public class LoopbackServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    public void aRequestBelowTheBaseReachesTheFakeWithItsPathQueryHeadersAndBody() throws Exception {
        try (LoopbackServer server = LoopbackServer.start("/acme-fake/", "acme-fake", r -> FakeAnswer.of(201,
                "text/plain; charset=utf-8", Map.of("X-Seen", r.header("X-Test")), r.method() + " " + r.path() + "?"
                        + r.query() + " " + new String(r.readBody(100), StandardCharsets.UTF_8), 0))) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("a/b?x=1"))
                    .header("X-Test", "yes").POST(HttpRequest.BodyPublishers.ofString("€ body")).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(201, answer.statusCode());
            assertEquals("yes", answer.headers().firstValue("X-Seen").orElse(null));
            assertEquals("POST /a/b?x=1 € body", answer.body());
        }
    }

    @Test
    public void aRequestOutsideTheBaseIsNotFound() throws Exception {
        try (LoopbackServer server = LoopbackServer.start("/acme-fake/", "acme-fake", r -> {
            throw new AssertionError("not for the fake");
        })) {
            URI outside = server.baseUri().resolve("/elsewhere");
            assertEquals(404, HTTP.send(HttpRequest.newBuilder(outside).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }
}
