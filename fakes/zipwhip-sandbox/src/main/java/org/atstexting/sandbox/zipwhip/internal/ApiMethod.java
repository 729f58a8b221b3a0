package org.atstexting.sandbox.zipwhip.internal;

import java.util.List;

/**
 * The API methods the sandbox answers, with their form parameters (zipwhip-api.md, "Methods").
 * The required parameters come first. Parameter names the facts leave unconfirmed are chosen
 * here: {@code start}/{@code limit} for paging, {@code messages} for a message id,
 * {@code webhookId} for the webhook to delete.
 */
enum ApiMethod {
    LOGIN("user/login", 2, "username", "password"),
    LOGOUT("user/logout", 1, "session"),
    SESSION_GET("session/get", 1, "session"),
    MESSAGE_SEND("message/send", 3, "session", "contacts", "body"),
    MESSAGE_LIST("message/list", 1, "session", "start", "limit"),
    MESSAGE_GET("message/get", 2, "session", "messages"),
    WEBHOOK_ADD("webhook/add", 4, "session", "type", "event", "url", "method"),
    WEBHOOK_LIST("webhook/list", 1, "session"),
    WEBHOOK_DELETE("webhook/delete", 2, "session", "webhookId");

    final String path;
    final List<String> required;
    final List<String> params;

    ApiMethod(String path, int required, String... params) {
        this.path = path;
        this.params = List.of(params);
        this.required = this.params.subList(0, required);
    }

    /** @return the method at that path (no leading or trailing slash), or null */
    static ApiMethod of(String path) {
        for (ApiMethod m : values()) {
            if (m.path.equals(path)) {
                return m;
            }
        }
        return null;
    }
}
