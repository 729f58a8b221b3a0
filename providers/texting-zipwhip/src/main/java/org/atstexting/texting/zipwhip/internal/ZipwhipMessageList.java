package org.atstexting.texting.zipwhip.internal;

import java.util.Map;

import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;

/** Pages of an account's {@code message/list}, newest first, checked to be messages with ids. */
final class ZipwhipMessageList {

    private final ZipwhipApi api;
    private final ZipwhipSessions sessions;
    private final int pageSize;

    ZipwhipMessageList(ZipwhipApi api, ZipwhipSessions sessions, ZipwhipConfiguration config) {
        this.api = api;
        this.sessions = sessions;
        // Zipwhip's page limit is not documented; the sandbox takes 1..100
        this.pageSize = Math.min(100, Math.max(1, config.pageSize()));
    }

    int pageSize() {
        return pageSize;
    }

    /**
     * Up to {@code limit} (1 to the page size) messages of the account's message list from
     * offset {@code start} (0 = the newest message), newest first.
     */
    JsonArray page(ProviderCredentials credentials, int start, int limit) throws ProviderException {
        int n = Math.max(1, Math.min(pageSize, limit));
        ZipwhipReply reply = sessions.withSession(credentials, session -> api.call("message/list", Map.of(
                "session", session, "start", Integer.toString(Math.max(0, start)), "limit", Integer.toString(n))));
        if (!reply.success()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip refused message/list: " + reply.errorText());
        }
        if (reply.response() == null || !reply.response().isJsonArray()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip's message/list answer was not a list of messages");
        }
        for (JsonElement element : reply.response().getAsJsonArray()) {
            if (!element.isJsonObject() || ZipwhipMessages.id(element.getAsJsonObject()) < 0) {
                throw new ProviderException(Kind.ERROR, "Zipwhip's message/list held a message without an id");
            }
        }
        return reply.response().getAsJsonArray();
    }

}
