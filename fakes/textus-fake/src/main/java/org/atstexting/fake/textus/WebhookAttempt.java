package org.atstexting.fake.textus;

/**
 * One webhook delivery the fake made.
 *
 * @param url       where it POSTed
 * @param action    the event, e.g. {@code message.received}
 * @param body      the raw body
 * @param signature the {@code X-TextUs-Signature} it sent
 * @param status    the HTTP status the endpoint answered, or -1 if it could not be reached
 */
public record WebhookAttempt(String url, String action, String body, String signature, int status) {
}
