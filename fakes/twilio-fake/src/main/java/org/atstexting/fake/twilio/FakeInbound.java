package org.atstexting.fake.twilio;

import java.util.List;

/**
 * A text from a phone to one of an account's numbers, for {@link TwilioFake#deliverInbound(String, java.util.List, int)}.
 *
 * @param from        the phone, E.164
 * @param to          the account's number, E.164
 * @param body        the text
 * @param media       media it carries, each {@code url} and {@code contentType} (since 1.2)
 * @param optOutType  what Twilio's Advanced Opt-Out says of it ({@code STOP}, {@code START}, {@code HELP}),
 *                    or {@code null} (since 1.2)
 */
public record FakeInbound(String from, String to, String body, List<String[]> media, String optOutType) {

    public FakeInbound {
        media = media == null ? List.of() : List.copyOf(media);
    }

    public FakeInbound(String from, String to, String body) {
        this(from, to, body, List.of(), null);
    }
}
