package org.atstexting.texting.web.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.atstexting.texting.TextMessage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;

/** The JSON the endpoints write, and the limits on what they read. */
final class JsonBodies {

    static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(Instant.class, (JsonSerializer<Instant>) (at, type, c) -> new JsonPrimitive(at.toString()))
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    /** A text body: the providers' limit for a concatenated SMS. */
    static final int MAX_TEXT = 1600;
    static final int MAX_USERNAME = 64;
    static final int MAX_PHONE = 32;
    static final int MAX_PASSWORD = 256;
    static final int MAX_NAME = 100;
    static final int MAX_RECORD = 120;
    static final int MAX_NOTE = 500;
    /** Records in one bulk job; a bigger mailing is several jobs. */
    static final int MAX_BULK_RECORDS = 1000;

    private JsonBodies() {
    }

    /** A text with its key and segment count, as record views show it. */
    static Map<String, Object> message(TextMessage m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", m.key());
        json.put("provider", m.provider());
        json.put("providerMessageId", m.providerMessageId());
        json.put("direction", m.direction());
        json.put("from", m.from());
        json.put("to", m.to());
        json.put("body", m.body());
        json.put("timestamp", m.timestamp());
        json.put("userId", m.userId());
        json.put("status", m.status());
        json.put("segments", m.segments());
        json.put("failure", failure(m.failure()));
        json.put("media", m.media().stream().map(item -> {
            Map<String, Object> media = new LinkedHashMap<>();
            media.put("url", item.url());
            media.put("contentType", item.contentType());
            return media;
        }).toList());
        return json;
    }

    /** Why a text failed as pages show it: the plain sentence, the reason's name and the provider's code. */
    static Map<String, Object> failure(org.atstexting.texting.DeliveryFailure failure) {
        if (failure == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("reason", failure.reason().name());
        json.put("plain", failure.reason().plain());
        json.put("providerCode", failure.providerCode());
        json.put("detail", failure.detail());
        return json;
    }
}
