package org.atstexting.fake.twilio;

/**
 * A text from a phone to one of an account's numbers, for {@link TwilioFake#deliverInbound(String, java.util.List, int)}.
 *
 * @param from the phone, E.164
 * @param to   the account's number, E.164
 * @param body the text
 */
public record FakeInbound(String from, String to, String body) {
}
