package org.atstexting.texting.twilio.internal.webhook;

import java.nio.charset.StandardCharsets;

/** What a webhook call is answered with: an HTTP status and a body (empty TwiML when taken). */
public record WebhookAnswer(int status, String contentType, String text) {

    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    static WebhookAnswer taken() {
        return new WebhookAnswer(200, "text/xml;charset=UTF-8", EMPTY_TWIML);
    }

    static WebhookAnswer refused(int status, String word) {
        return new WebhookAnswer(status, "text/plain;charset=UTF-8", word + "\n");
    }

    public byte[] body() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The Allow header for a 405, else {@code null}. */
    public String allow() {
        return status == 405 ? "POST" : null;
    }
}
