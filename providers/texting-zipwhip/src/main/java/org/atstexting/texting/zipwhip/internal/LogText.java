package org.atstexting.texting.zipwhip.internal;

/** Request data made safe for a log line: control characters escaped, length capped. */
final class LogText {

    static final int MAX_CHARS = 80;

    private LogText() {
    }

    /** {@code value} with control characters (newlines above all) as {@code \\uXXXX}, cut at {@value #MAX_CHARS}. */
    static String sanitize(String value) {
        if (value == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_CHARS) + 8);
        for (int i = 0; i < value.length() && out.length() < MAX_CHARS; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_CHARS && value.length() > MAX_CHARS) {
            out.append("...");
        }
        return out.toString();
    }
}
