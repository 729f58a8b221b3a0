package org.atstexting.texting.zipwhip.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;

/**
 * Zipwhip's envelope: {@code {"success": bool, "response": ...}}.
 *
 * @param success  Zipwhip's success flag
 * @param response the method's result, or on failure the error (usually a string)
 */
record ZipwhipReply(boolean success, JsonElement response) {

    /** A session key as Zipwhip shapes them, {@code <uuid>:<number>}: hidden wherever an error text is shown. */
    private static final Pattern SESSION_KEY = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(:[0-9]+)?");
    private static final int MAX_ERROR_CHARS = 300;

    /**
     * The error text as Zipwhip's own client read it: a string response, otherwise the raw
     * JSON; anything shaped like a session key is replaced by {@code ***}, and it is cut short.
     */
    String errorText() {
        if (response == null || response.isJsonNull()) {
            return "no reason given";
        }
        String text = response.isJsonPrimitive() ? response.getAsString() : response.toString();
        text = SESSION_KEY.matcher(text).replaceAll("***");
        return text.length() > MAX_ERROR_CHARS ? text.substring(0, MAX_ERROR_CHARS) + "..." : text;
    }

    /**
     * Zipwhip's error codes for an expired session are not documented (zipwhip-api.md): we
     * treat a failure whose text mentions the session as one, as the fact sheet decides.
     */
    boolean sessionInvalid() {
        return !success && errorText().toLowerCase(Locale.ROOT).contains("session");
    }
}
