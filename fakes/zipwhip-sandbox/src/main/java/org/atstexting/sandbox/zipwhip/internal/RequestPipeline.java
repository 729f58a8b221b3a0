package org.atstexting.sandbox.zipwhip.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;

/**
 * One HTTP request, from path to answer. Refusals that need no body come first and read none:
 * unknown method path 404, not POST 405, not a form 415 (also for an unknown charset), body over
 * the cap 413, broken {@code %} escape 400. Then an injected fault, if any, then the method.
 * Every request is written to the call log.
 */
final class RequestPipeline {

    static final long SLOW_MILLIS = 3000;

    private final ApiCalls api;
    private final FaultQueue faults;
    private final CallLog log;

    RequestPipeline(ApiCalls api, FaultQueue faults, CallLog log) {
        this.api = api;
        this.faults = faults;
        this.log = log;
    }

    SandboxResponse handle(String httpMethod, String methodPath, String contentType, long contentLength,
            InputStream body) throws IOException {
        String path = methodPath == null ? "" : strip(methodPath);
        ApiMethod method = methodPath == null ? null : ApiMethod.of(path);
        if (method == null || !"POST".equals(httpMethod) || !FormBody.isForm(contentType)) {
            FormBody.discard(body, contentLength);
        }
        if (method == null) {
            return record(path, Map.of(), Replies.http(404, "Unknown method '" + Sanitize.text(path, 80) + "'"), true);
        }
        if (!"POST".equals(httpMethod)) {
            return record(path, Map.of(), Replies.http(405, "Only POST is allowed, not " + Sanitize.text(httpMethod, 10)), true);
        }
        if (!FormBody.isForm(contentType)) {
            return record(path, Map.of(), Replies.http(415, "Content-Type must be " + FormBody.FORM + ", not "
                    + Sanitize.text(contentType, 80)), true);
        }
        Map<String, String> params = new LinkedHashMap<>();
        String duplicate;
        try {
            Charset charset = FormBody.charset(contentType);
            duplicate = FormBody.parse(FormBody.read(body, contentLength), charset, params);
        } catch (FormBody.Unreadable e) {
            return record(path, Map.of(), Replies.http(e.status, e.getMessage()), true);
        }
        FaultQueue.Injected fault = faults.take(path);
        if (fault != null && fault.fault() == Fault.SLOW) {
            sleep();
        }
        if (fault == null || fault.fault() == Fault.SLOW || fault.fault() == Fault.SEND_THEN_FAIL) {
            SandboxResponse r;
            boolean unauthenticated = false;
            try {
                if (duplicate != null) {
                    throw new Refused("Duplicate parameter '" + Sanitize.text(duplicate, 40) + "' for " + path);
                }
                r = Replies.ok(api.call(method, params));
            } catch (Refused e) {
                r = Replies.refused(e.getMessage());
                unauthenticated = e.isUnauthenticated();
            }
            return record(path, params, fault != null && fault.fault() == Fault.SEND_THEN_FAIL ? Replies.serverError() : r,
                    unauthenticated);
        }
        return record(path, params, faulty(fault, params), false);
    }

    private SandboxResponse faulty(FaultQueue.Injected fault, Map<String, String> params) {
        return switch (fault.fault()) {
            case SERVER_ERROR -> Replies.serverError();
            case RATE_LIMITED -> Replies.rateLimited(fault.retryAfterSeconds());
            case SESSION_EXPIRED -> {
                // the session really expires, so a client that logs in again gets a new one
                api.endSession(params.get("session"));
                yield Replies.refused(Sessions.INVALID_SESSION);
            }
            case MALFORMED_JSON -> Replies.malformedJson();
            case SLOW, SEND_THEN_FAIL -> throw new IllegalStateException(fault.fault().name());
        };
    }

    private static void sleep() {
        try {
            Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SandboxResponse record(String path, Map<String, String> params, SandboxResponse response,
            boolean unauthenticated) {
        log.add(path, params, response.status(), unauthenticated);
        return response;
    }

    static String strip(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
