package org.atstexting.texting.textus.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Small readers for TextUs's JSON-LD: fields may be missing or empty (unconfirmed ones especially). */
final class TextusJson {

    private TextusJson() {
    }

    static String string(JsonObject object, String field) {
        if (object == null) {
            return null;
        }
        JsonElement value = object.get(field);
        return value == null || value.isJsonNull() || !value.isJsonPrimitive() ? null : value.getAsString();
    }

    static JsonObject object(JsonObject object, String field) {
        if (object == null) {
            return null;
        }
        JsonElement value = object.get(field);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    /** A reference: a plain id string, or an object with an {@code id} (JSON-LD allows both). */
    static String ref(JsonObject object, String field) {
        String plain = string(object, field);
        return plain != null ? plain : string(object(object, field), "id");
    }

    static Optional<Instant> instant(JsonObject object, String field) {
        String text = string(object, field);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
