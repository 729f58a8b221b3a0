package org.atstexting.texting.zipwhip.internal;

import java.util.Locale;

import com.google.gson.JsonElement;

/**
 * Zipwhip's envelope: {@code {"success": bool, "response": ...}}.
 *
 * @param success  Zipwhip's success flag
 * @param response the method's result, or on failure the error (usually a string)
 */
record ZipwhipReply(boolean success, JsonElement response) {

    /** The error text as Zipwhip's own client read it: a string response, otherwise the raw JSON. */
    String errorText() {
        if (response == null || response.isJsonNull()) {
            return "no reason given";
        }
        return response.isJsonPrimitive() ? response.getAsString() : response.toString();
    }

    /**
     * Zipwhip's error codes for an expired session are not documented (zipwhip-api.md): we
     * treat a failure whose text mentions the session as one, as the fact sheet decides.
     */
    boolean sessionInvalid() {
        return !success && errorText().toLowerCase(Locale.ROOT).contains("session");
    }
}
