package org.atstexting.sandbox.zipwhip;

import java.util.Objects;

/**
 * A webhook installed with {@code webhook/add}.
 *
 * @param id      the webhook's id
 * @param account the username of the account that installed it
 * @param type    {@code message}
 * @param event   {@code receive}, {@code send}, {@code progress}, {@code read} or {@code delete}
 * @param url     where the sandbox POSTs the events, as given (it may carry a secret)
 * @param method  the HTTP method, {@code POST}
 */
public record SandboxWebhook(long id, String account, String type, String event, String url, String method) {

    public SandboxWebhook {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
    }

    /** Leaves out the URL's query, which may carry a secret, so webhooks can be printed and logged. */
    @Override
    public String toString() {
        int q = url.indexOf('?');
        return "webhook " + id + " " + account + " " + type + "/" + event + " -> " + method + " "
                + (q < 0 ? url : url.substring(0, q) + "?***");
    }
}
