package org.atstexting.sandbox.zipwhip.internal;

/** Makes request data safe to echo in an error text or a log line: no control characters, bounded length. */
final class Sanitize {

    private Sanitize() {
    }

    static String text(String s, int max) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        if (s.length() > max) {
            b.append('…');
        }
        return b.toString();
    }
}
