package org.atstexting.sandbox.zipwhip.internal;

import java.util.List;
import java.util.Locale;

import org.atstexting.sandbox.zipwhip.SandboxWebhook;

import com.google.gson.Gson;

/**
 * Changes to messages and the webhook events they raise: {@code send} when {@code message/send}
 * stores a message, {@code receive} when a phone's text arrives, {@code progress} when a state
 * changes. A change and the queuing of its event happen under one lock, so events go out in the
 * order the changes happened. The event body is the message object exactly as
 * {@code message/list} shows it at that moment (same date style, same addresses).
 */
final class MessageEvents {

    private final Object lock = new Object();
    private final MessageStore store;
    private final MessageRenderer renderer;
    private final Webhooks webhooks;
    private final WebhookPoster poster;
    private final Gson gson;

    MessageEvents(MessageStore store, MessageRenderer renderer, Webhooks webhooks, WebhookPoster poster, Gson gson) {
        this.store = store;
        this.renderer = renderer;
        this.webhooks = webhooks;
        this.poster = poster;
        this.gson = gson;
    }

    /** Stores an outbound message (QUEUED) and raises {@code send}. */
    StoredMessage sent(String account, long deviceId, String to, String body) {
        synchronized (lock) {
            StoredMessage m = store.add(account, deviceId, false, to, body, "QUEUED");
            fire("send", m);
            return m;
        }
    }

    /** Stores an inbound message (it has arrived, so DELIVERED) and raises {@code receive}. */
    StoredMessage received(String account, long deviceId, String from, String body) {
        synchronized (lock) {
            StoredMessage m = store.add(account, deviceId, true, from, body, "DELIVERED");
            fire("receive", m);
            return m;
        }
    }

    /**
     * Changes a message's state and raises {@code progress}.
     *
     * @throws IllegalArgumentException if there is no such message
     */
    void progress(long messageId, String state) {
        synchronized (lock) {
            StoredMessage m = store.get(messageId);
            if (m == null) {
                throw new IllegalArgumentException("No message " + messageId);
            }
            m.progress(state.trim().toUpperCase(Locale.ROOT), MessageStore.now());
            fire("progress", m);
        }
    }

    private void fire(String event, StoredMessage m) {
        List<SandboxWebhook> hooks = webhooks.of(m.account, event);
        if (!hooks.isEmpty()) {
            poster.post(hooks, event, m.id, gson.toJson(renderer.json(m)));
        }
    }
}
