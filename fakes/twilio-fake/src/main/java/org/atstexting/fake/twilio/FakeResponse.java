package org.atstexting.fake.twilio;

/**
 * What the fake answers to one request.
 *
 * @param status HTTP status
 * @param body   JSON body, sent as UTF-8 with {@code application/json}
 */
public record FakeResponse(int status, String body) {
}
