package org.atstexting.sandbox.zipwhip.internal;

import java.util.Map;

/**
 * What the engine answers to one HTTP request; the adapters copy it onto their HTTP response.
 *
 * @param status      the HTTP status
 * @param contentType the Content-Type header
 * @param headers     further headers (e.g. Retry-After)
 * @param body        the body, sent as UTF-8
 */
public record SandboxResponse(int status, String contentType, Map<String, String> headers, String body) {

    public SandboxResponse {
        headers = Map.copyOf(headers);
    }
}
