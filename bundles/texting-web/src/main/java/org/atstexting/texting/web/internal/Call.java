package org.atstexting.texting.web.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.atstexting.texting.RecordRef;

import jakarta.servlet.http.HttpServletRequest;

/** One call to an endpoint: who calls, the path's variables, the body and the query. */
final class Call {

    private final String user;
    private final Map<String, String> variables;
    private final HttpServletRequest request;

    Call(String user, Map<String, String> variables, HttpServletRequest request) {
        this.user = user;
        this.variables = variables;
        this.request = request;
    }

    String user() {
        return user;
    }

    /** A path variable, e.g. {@code provider} of {@code system/{provider}}. */
    String path(String name) {
        return variables.get(name);
    }

    /** A path variable holding a record, {@code employee:1001}. */
    RecordRef record(String name) {
        return RecordRef.parse(variables.get(name));
    }

    /** The JSON body, strictly parsed, with only the named fields allowed. */
    JsonInput body(String... allowedFields) throws IOException {
        return JsonInput.of(RequestGuard.readObject(request), Set.of(allowedFields));
    }

    /** One page of a list, from {@code offset} and {@code limit} in the query. */
    <T> List<T> page(List<T> all) {
        return Paging.of(request).apply(all);
    }

    /** A query parameter, or {@code null}. */
    String query(String name) {
        return request.getParameter(name);
    }
}
