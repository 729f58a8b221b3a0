package org.atstexting.texting.web.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.atstexting.texting.TextMessage;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;

/** The JSON shapes the endpoints read and write. */
final class JsonBodies {

    static final Gson GSON = new GsonBuilder()
            .registerTypeAdapter(Instant.class, (JsonSerializer<Instant>) (at, type, c) -> new JsonPrimitive(at.toString()))
            .serializeNulls()
            .disableHtmlEscaping()
            .create();

    /** Credentials as a settings page submits them. */
    record CredentialsBody(String username, String phoneNumber, String password) {
        @Override
        public String toString() {
            return "CredentialsBody[username=" + username + ", phoneNumber=" + phoneNumber + "]";
        }
    }

    /** A text to send: to a number, or to the number of a record ({@code employee:1001}). */
    record SendBody(String to, String record, String body, String provider) {
    }

    /** A body to preview. */
    record PreviewBody(String body) {
    }

    /** A template's text. */
    record TemplateBody(String body) {
    }

    /** The record to fill a template in for, and the provider to send through (optional). */
    record TemplateUseBody(String record, String provider) {
    }

    /** A bulk job: records, and a body or a template name. */
    record BulkBody(java.util.List<String> records, String body, String template, String provider) {
    }

    /** An opt-out an admin records. */
    record OptOutBody(String number, String note) {
    }

    /** The record to attach an unmatched text to. */
    record AssignBody(String record) {
    }

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
        return json;
    }
}
