package org.atstexting.texting.twilio.internal.webhook;

/** Request data for a log line: control characters (newlines) replaced, at most 80 characters. */
final class LogSafe {

    private LogSafe() {
    }

    static String of(String value) {
        if (value == null) {
            return "(none)";
        }
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }
}
