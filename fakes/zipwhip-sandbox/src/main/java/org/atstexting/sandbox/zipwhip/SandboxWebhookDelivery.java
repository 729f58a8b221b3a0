package org.atstexting.sandbox.zipwhip;

/**
 * One event the sandbox POSTed to a webhook.
 *
 * @param webhookId the webhook's id
 * @param event     the event ({@code receive}, {@code send}, {@code progress})
 * @param messageId the message the event is about
 * @param status    the HTTP status the receiver answered, or -1 if it could not be reached
 * @param url       where it was posted (the webhook's URL, with whatever secret its owner put in it)
 * @param body      the JSON posted, so a test can post the very same call elsewhere (a balancer's retry)
 */
public record SandboxWebhookDelivery(long webhookId, String event, long messageId, int status, String url,
        String body) {

    /** Leaves out the URL and body: the URL may carry its owner's secret. */
    @Override
    public String toString() {
        return "webhook " + webhookId + " " + event + " of message " + messageId + " -> " + status;
    }
}
