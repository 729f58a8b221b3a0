package org.atstexting.sandbox.zipwhip;

/**
 * One event the sandbox POSTed to a webhook.
 *
 * @param webhookId the webhook's id
 * @param event     the event ({@code receive}, {@code send}, {@code progress})
 * @param messageId the message the event is about
 * @param status    the HTTP status the receiver answered, or -1 if it could not be reached
 */
public record SandboxWebhookDelivery(long webhookId, String event, long messageId, int status) {
}
