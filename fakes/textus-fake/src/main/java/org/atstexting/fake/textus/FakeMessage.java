package org.atstexting.fake.textus;

import java.time.Instant;

/**
 * One message the fake keeps.
 *
 * @param id             its path id, e.g. {@code /messages/M1a}
 * @param account        the account slug
 * @param conversationId the conversation's path id
 * @param contact        the contact's number (E.164): the recipient of an outgoing text, the sender of an incoming one
 * @param direction      {@code out} or {@code in}
 * @param body           the text exactly as received or sent
 * @param deliveryState  {@code queued}, {@code sent}, {@code delivered}, {@code failed}, {@code unknown}, {@code received}
 * @param errorCode      why it failed, or {@code null}
 * @param sender         the user id that sent it (outgoing), or {@code null}
 * @param latestEventAt  when it last changed
 */
public record FakeMessage(String id, String account, String conversationId, String contact, String direction,
        String body, String deliveryState, String errorCode, String sender, Instant latestEventAt) {

    FakeMessage withState(String state, String code, Instant at) {
        return new FakeMessage(id, account, conversationId, contact, direction, body, state, code, sender, at);
    }
}
