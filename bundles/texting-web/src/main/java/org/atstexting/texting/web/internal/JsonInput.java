package org.atstexting.texting.web.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The fields of a request body, read strictly: a string must be a JSON string (a number or
 * boolean is not coerced), every field has a length limit, unknown fields are refused (a
 * typo is not silently ignored), and control characters are refused except line breaks in
 * free text.
 */
final class JsonInput {

    private final JsonObject object;

    private JsonInput(JsonObject object) {
        this.object = object;
    }

    /** The body, refusing any field not in {@code allowed}. */
    static JsonInput of(JsonObject object, Set<String> allowed) {
        for (String name : object.keySet()) {
            if (!allowed.contains(name)) {
                throw WebRefusal.badInput("Unknown field '" + printable(name) + "'; this call takes " + allowed);
            }
        }
        return new JsonInput(object);
    }

    /** A one-line string (no control characters), or {@code null} when absent or null. */
    String line(String name, int maxLength) {
        return string(name, maxLength, false);
    }

    /** Free text that may hold line breaks, or {@code null} when absent or null. */
    String text(String name, int maxLength) {
        return string(name, maxLength, true);
    }

    String requiredLine(String name, int maxLength) {
        String value = line(name, maxLength);
        if (value == null) {
            throw WebRefusal.badInput("'" + name + "' is required");
        }
        return value;
    }

    /** A list of one-line strings, or {@code null} when absent. */
    List<String> lines(String name, int maxItems, int maxLength) {
        JsonElement element = object.get(name);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        if (!element.isJsonArray()) {
            throw WebRefusal.badInput("'" + name + "' must be a list of strings");
        }
        JsonArray array = element.getAsJsonArray();
        if (array.size() > maxItems) {
            throw WebRefusal.badInput("'" + name + "' has " + array.size() + " entries; at most " + maxItems
                    + " are allowed in one request");
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonElement item : array) {
            values.add(check(name, stringOf(name, item), maxLength, false));
        }
        return values;
    }

    private String string(String name, int maxLength, boolean multiLine) {
        JsonElement element = object.get(name);
        if (element == null || element.isJsonNull()) {
            return null;
        }
        return check(name, stringOf(name, element), maxLength, multiLine);
    }

    private static String stringOf(String name, JsonElement element) {
        if (element instanceof JsonPrimitive primitive && primitive.isString()) {
            return primitive.getAsString();
        }
        throw WebRefusal.badInput("'" + name + "' must be a JSON string");
    }

    private static String check(String name, String value, int maxLength, boolean multiLine) {
        if (value.length() > maxLength) {
            throw WebRefusal.badInput("'" + name + "' has " + value.length() + " characters; at most " + maxLength
                    + " are allowed");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r';
            if (Character.getType(c) == Character.CONTROL && !(multiLine && lineBreak)) {
                throw WebRefusal.badInput("'" + name + "' contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at position " + (i + 1));
            }
        }
        return value;
    }

    /** A name from the request, safe to echo in a message. */
    static String printable(String value) {
        return printable(value, 40);
    }

    /** {@code value} without control characters, cut at {@code max} characters. */
    static String printable(String value, int max) {
        String shortened = value.length() > max ? value.substring(0, max) + "..." : value;
        StringBuilder out = new StringBuilder();
        shortened.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? '?' : Character.toString(c)));
        return out.toString();
    }
}
