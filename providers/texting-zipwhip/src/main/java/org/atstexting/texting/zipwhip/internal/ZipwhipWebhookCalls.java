package org.atstexting.texting.zipwhip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

import com.google.gson.JsonElement;

/** Zipwhip's webhook methods ({@code webhook/list}, {@code webhook/add}, {@code webhook/delete}) on the account's session. */
final class ZipwhipWebhookCalls {

    private static final Logger LOG = Logger.getLogger(ZipwhipWebhookCalls.class.getName());

    private final ZipwhipApi api;
    private final ZipwhipSessions sessions;

    ZipwhipWebhookCalls(ZipwhipApi api, ZipwhipSessions sessions) {
        this.api = api;
        this.sessions = sessions;
    }

    /** {@code webhook/add} of one event; the reply says whether Zipwhip took it. */
    ZipwhipReply add(ProviderCredentials credentials, String event, String url) throws ProviderException {
        return sessions.withSession(credentials, session -> api.call("webhook/add",
                Map.of("session", session, "type", "message", "event", event, "url", url, "method", "POST")));
    }

    List<ZipwhipHook> list(ProviderCredentials credentials) throws ProviderException {
        ZipwhipReply reply = sessions.withSession(credentials, session -> api.call("webhook/list",
                Map.of("session", session)));
        if (!reply.success()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip refused webhook/list: " + reply.errorText());
        }
        if (reply.response() == null || !reply.response().isJsonArray()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip's webhook/list answer was not a list");
        }
        List<ZipwhipHook> hooks = new ArrayList<>();
        for (JsonElement e : reply.response().getAsJsonArray()) {
            if (e.isJsonObject()) {
                ZipwhipHook.of(e.getAsJsonObject()).ifPresent(hooks::add);
            }
        }
        return hooks;
    }

    void delete(ProviderCredentials credentials, ZipwhipHook hook) throws ProviderException {
        ZipwhipReply reply = sessions.withSession(credentials, session -> api.call("webhook/delete",
                Map.of("session", session, "webhookId", hook.id())));
        if (reply.success()) {
            LOG.info(() -> "Deleted the stale Zipwhip '" + hook.event() + "' webhook of "
                    + LogText.sanitize(credentials.username()) + " at " + LogText.sanitize(hook.base()));
        } else {
            LOG.warning(() -> "Zipwhip refused to delete webhook " + LogText.sanitize(hook.id()) + " ("
                    + reply.errorText() + ")");
        }
    }
}
