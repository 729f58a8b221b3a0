package org.atstexting.itest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Calls texting's JSON endpoints the way the host's settings pages would, signed in as a
 * reference-host user, and keeps every response body for the secret scan.
 */
final class HostApi {

    /** A response: status and body. */
    record Reply(int status, String body) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    final List<String> bodies = new ArrayList<>();

    HostApi(String port) {
        this.base = "http://127.0.0.1:" + port + "/ats/texting/";
    }

    Reply call(String user, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body());
        return new Reply(response.statusCode(), response.body());
    }

    static String credentials(String username, String phone, String password) {
        return "{\"username\":\"" + username + "\",\"phoneNumber\":\"" + phone + "\",\"password\":\"" + password + "\"}";
    }
}
