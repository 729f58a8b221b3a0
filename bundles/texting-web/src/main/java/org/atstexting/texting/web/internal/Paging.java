package org.atstexting.texting.web.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A page of a list: {@code ?offset=0&limit=50}. Every list endpoint answers one page at
 * most {@link #MAX_LIMIT} long (default {@link #DEFAULT_LIMIT}), and the response headers
 * {@code X-Total-Count}, {@code X-Offset} and {@code X-Limit} say where the page is.
 */
record Paging(int offset, int limit) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    static Paging of(HttpServletRequest request) {
        return new Paging(number(request, "offset", 0, Integer.MAX_VALUE, 0),
                number(request, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
    }

    private static int number(HttpServletRequest request, String name, int min, int max, int fallback) {
        String value = request.getParameter(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below, with the allowed range
        }
        throw WebRefusal.badInput("'" + name + "' must be a whole number from " + min + " to " + max);
    }

    <T> List<T> apply(List<T> all) {
        if (offset >= all.size()) {
            return PagedList.of(List.of(), all.size(), this);
        }
        return PagedList.of(all.subList(offset, Math.min(all.size(), offset + limit)), all.size(), this);
    }
}
