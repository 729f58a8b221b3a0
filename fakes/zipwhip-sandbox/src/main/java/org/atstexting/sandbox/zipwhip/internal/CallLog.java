package org.atstexting.sandbox.zipwhip.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.atstexting.sandbox.zipwhip.SandboxCall;

/**
 * The calls the sandbox received, newest kept, bounded three ways so a long demo, a benchmark
 * or a flood of garbage cannot fill the heap: at most {@code maxCalls} calls, each value cut to
 * {@code maxValueChars} (a message body's 1,600 code points fit whole), and at most
 * {@code maxTotalChars} characters of names and values over all kept calls; the oldest calls go
 * first. Calls that named no live session keep only {@link #UNAUTHENTICATED_VALUE_CHARS} of each
 * value: nothing a stranger sends is kept at length. Thread-safe.
 */
final class CallLog {

    static final int DEFAULT_MAX_CALLS = 10_000;
    static final int DEFAULT_MAX_VALUE_CHARS = 4_096;
    static final long DEFAULT_MAX_TOTAL_CHARS = 4_000_000;
    static final int UNAUTHENTICATED_VALUE_CHARS = 64;
    /** What a cut value ends with, so a test or an admin sees it was cut. */
    static final String CUT = "…";

    private final int maxCalls;
    private final int maxValueChars;
    private final long maxTotalChars;
    private final Deque<SandboxCall> calls = new ArrayDeque<>();
    private long totalChars;

    CallLog() {
        this(DEFAULT_MAX_CALLS, DEFAULT_MAX_VALUE_CHARS, DEFAULT_MAX_TOTAL_CHARS);
    }

    CallLog(int maxCalls, int maxValueChars, long maxTotalChars) {
        this.maxCalls = maxCalls;
        this.maxValueChars = maxValueChars;
        this.maxTotalChars = maxTotalChars;
    }

    void add(String method, Map<String, String> params, int status, boolean unauthenticated) {
        int valueChars = unauthenticated ? Math.min(UNAUTHENTICATED_VALUE_CHARS, maxValueChars) : maxValueChars;
        Map<String, String> kept = new LinkedHashMap<>();
        params.forEach((k, v) -> kept.put(cut(k, valueChars), cut(v, valueChars)));
        SandboxCall call = new SandboxCall(cut(method, valueChars), kept, status);
        long size = size(call);
        synchronized (this) {
            calls.addLast(call);
            totalChars += size;
            while (calls.size() > maxCalls || (totalChars > maxTotalChars && calls.size() > 1)) {
                totalChars -= size(calls.removeFirst());
            }
        }
    }

    synchronized List<SandboxCall> all() {
        return List.copyOf(calls);
    }

    synchronized List<SandboxCall> of(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** @return the characters of method, names and values over all kept calls */
    synchronized long totalChars() {
        return totalChars;
    }

    synchronized void clear() {
        calls.clear();
        totalChars = 0;
    }

    private static long size(SandboxCall call) {
        long n = call.method().length();
        for (Map.Entry<String, String> e : call.params().entrySet()) {
            n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - CUT.length();
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--; // never keep half a character
        }
        return s.substring(0, end) + CUT;
    }
}
