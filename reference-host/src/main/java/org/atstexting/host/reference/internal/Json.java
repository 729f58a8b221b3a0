package org.atstexting.host.reference.internal;

import java.io.IOException;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

/** The JSON form of stored values. */
final class Json {

    private static final Type STRING_SET = new TypeToken<TreeSet<String>>() { }.getType();

    /**
     * Gson cannot reflect into {@code java.time} on Java 17 (module encapsulation), so
     * {@link Instant} is written as its ISO-8601 text.
     */
    private static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .disableHtmlEscaping()
            .create();

    private Json() {
    }

    static String write(Object value) {
        return GSON.toJson(value);
    }

    /** The value, or {@code null} if {@code json} is {@code null}. */
    static <T> T read(String json, Class<T> type) {
        return json == null ? null : GSON.fromJson(json, type);
    }

    /** A sorted, mutable set of strings; empty if {@code json} is {@code null}. */
    static TreeSet<String> readSet(String json) {
        return json == null ? new TreeSet<>() : GSON.fromJson(json, STRING_SET);
    }

    static String writeSet(Set<String> values) {
        return GSON.toJson(new TreeSet<>(values), STRING_SET);
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            return Instant.parse(in.nextString());
        }
    }
}
