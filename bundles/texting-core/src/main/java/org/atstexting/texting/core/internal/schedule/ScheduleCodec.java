package org.atstexting.texting.core.internal.schedule;

import java.time.Instant;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.atstexting.texting.ScheduleRequest;
import org.atstexting.texting.core.internal.store.InstantJson;

/** The one codec of the schedule table's request column. */
final class ScheduleCodec {

    private static final Gson GSON = new GsonBuilder().registerTypeAdapter(Instant.class, new InstantJson()).create();

    private ScheduleCodec() {
    }

    static String write(ScheduleRequest request) {
        return GSON.toJson(request);
    }

    static ScheduleRequest read(String json) {
        return GSON.fromJson(json, ScheduleRequest.class);
    }
}
