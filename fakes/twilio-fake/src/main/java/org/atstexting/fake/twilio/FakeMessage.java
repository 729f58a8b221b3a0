package org.atstexting.fake.twilio;

import java.time.Instant;
import java.util.List;

/**
 * A message as the fake keeps it.
 *
 * @param sid                 {@code SM} + 32 hex digits ({@code MM} with media)
 * @param accountSid          the account it belongs to
 * @param direction           {@code inbound} or {@code outbound-api}
 * @param from                sender in E.164
 * @param to                  recipient in E.164
 * @param body                the text
 * @param status              Twilio's status word
 * @param errorCode           Twilio's error code for failed/undelivered, or {@code null}
 * @param created             when the fake created it (Twilio reports seconds)
 * @param messagingServiceSid the Messaging Service it went through, or {@code null} (since 1.2)
 * @param mediaUrls           its media URLs (MMS), possibly empty (since 1.2)
 * @param statusCallback      where its status changes are posted, or {@code null} (since 1.2)
 */
public record FakeMessage(String sid, String accountSid, String direction, String from, String to, String body,
        String status, Integer errorCode, Instant created, String messagingServiceSid, List<String> mediaUrls,
        String statusCallback) {

    public FakeMessage {
        mediaUrls = mediaUrls == null ? List.of() : List.copyOf(mediaUrls);
    }

    /** A plain message (before 1.2). */
    public FakeMessage(String sid, String accountSid, String direction, String from, String to, String body,
            String status, Integer errorCode, Instant created) {
        this(sid, accountSid, direction, from, to, body, status, errorCode, created, null, List.of(), null);
    }

    FakeMessage withStatus(String newStatus, Integer newErrorCode) {
        return new FakeMessage(sid, accountSid, direction, from, to, body, newStatus, newErrorCode, created,
                messagingServiceSid, mediaUrls, statusCallback);
    }
}
