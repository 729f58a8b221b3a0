package org.atstexting.texting.web.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps a method and a path such as {@code records/employee:1001/messages} to its endpoint.
 * A path that exists with another method answers 405 with {@code Allow}; an unknown path 404.
 */
final class Router {

    /** An endpoint: takes the call, returns what is written as JSON. */
    @FunctionalInterface
    interface Endpoint {
        Object handle(Call call) throws Exception;
    }

    private record Route(String method, String[] pattern, Endpoint endpoint) {
    }

    /** The endpoint a request matched, with its path variables. */
    record Match(Endpoint endpoint, Map<String, String> variables) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** Adds a route; a pattern segment in braces ({@code {provider}}) is a variable. */
    Router add(String method, String pattern, Endpoint endpoint) {
        routes.add(new Route(method, pattern.split("/"), endpoint));
        return this;
    }

    Router get(String pattern, Endpoint endpoint) {
        return add("GET", pattern, endpoint);
    }

    Router post(String pattern, Endpoint endpoint) {
        return add("POST", pattern, endpoint);
    }

    Router put(String pattern, Endpoint endpoint) {
        return add("PUT", pattern, endpoint);
    }

    Router delete(String pattern, Endpoint endpoint) {
        return add("DELETE", pattern, endpoint);
    }

    /**
     * @throws WebRefusal 404 for an unknown path, 405 (with the allowed methods in its
     *                    message, see {@link #allowed}) for a known path and another method
     */
    Match match(String method, String[] path) {
        for (Route route : routes) {
            Map<String, String> variables = variables(route.pattern(), path);
            if (variables != null && route.method().equals(method)) {
                return new Match(route.endpoint(), variables);
            }
        }
        if (!allowed(path).isEmpty()) {
            throw new WebRefusal(405, "METHOD_NOT_ALLOWED", method + " is not allowed here; use " + allowed(path));
        }
        throw new WebRefusal(404, "NOT_FOUND", "This is not a texting endpoint");
    }

    /** The methods a path answers to. */
    Set<String> allowed(String[] path) {
        Set<String> methods = new LinkedHashSet<>();
        for (Route route : routes) {
            if (variables(route.pattern(), path) != null) {
                methods.add(route.method());
            }
        }
        return methods;
    }

    private static Map<String, String> variables(String[] pattern, String[] path) {
        if (pattern.length != path.length) {
            return null;
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                variables.put(p.substring(1, p.length() - 1), path[i]);
            } else if (!p.equals(path[i])) {
                return null;
            }
        }
        return variables;
    }
}
