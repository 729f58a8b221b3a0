package org.atstexting.texting.core.internal.schedule;

import java.io.IOException;
import java.time.Instant;

import org.atstexting.texting.ScheduleRequest;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/** The one codec of the schedule table's request column. */
final class ScheduleCodec {

    private static final Gson GSON = new GsonBuilder().registerTypeAdapter(Instant.class, new TypeAdapter<Instant>() {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return Instant.parse(in.nextString());
        }
    }).create();

    private ScheduleCodec() {
    }

    static String write(ScheduleRequest request) {
        return GSON.toJson(request);
    }

    static ScheduleRequest read(String json) {
        return GSON.fromJson(json, ScheduleRequest.class);
    }
}
