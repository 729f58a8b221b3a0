package org.atstexting.sandbox.zipwhip;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request the sandbox received.
 *
 * @param method the API method, e.g. {@code message/send} (the path below the base path)
 * @param params the form parameters as decoded, in order, each value cut to a bound (see
 *               {@link ZipwhipSandbox#calls()}); empty if the request was refused before its body
 *               was read
 * @param status the HTTP status answered
 */
public record SandboxCall(String method, Map<String, String> params, int status) {

    public SandboxCall {
        Objects.requireNonNull(method, "method");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(params, "params")));
    }

    /** Hides the values of {@code password} and {@code session}, so calls can be printed and logged. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        params.forEach((k, v) -> shown.put(k, "password".equals(k) || "session".equals(k) ? "***" : v));
        return method + " " + shown + " -> " + status;
    }
}
