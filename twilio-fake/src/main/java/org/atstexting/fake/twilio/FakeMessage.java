package org.atstexting.fake.twilio;

import java.time.Instant;

/**
 * A message as the fake keeps it.
 *
 * @param sid        {@code SM} + 32 hex digits
 * @param accountSid the account it belongs to
 * @param direction  {@code inbound} or {@code outbound-api}
 * @param from       sender in E.164
 * @param to         recipient in E.164
 * @param body       the text
 * @param status     Twilio's status word
 * @param errorCode  Twilio's error code for failed/undelivered, or {@code null}
 * @param created    when the fake created it (Twilio reports seconds)
 */
public record FakeMessage(String sid, String accountSid, String direction, String from, String to, String body,
        String status, Integer errorCode, Instant created) {

    FakeMessage withStatus(String newStatus, Integer newErrorCode) {
        return new FakeMessage(sid, accountSid, direction, from, to, body, newStatus, newErrorCode, created);
    }
}
