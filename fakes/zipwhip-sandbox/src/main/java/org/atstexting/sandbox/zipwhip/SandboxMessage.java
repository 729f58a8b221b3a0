package org.atstexting.sandbox.zipwhip;

import java.time.Instant;

/**
 * A message stored in the sandbox, as the sandbox knows it: {@link ZipwhipSandbox#setOutboundAddressesEmpty}
 * changes only what the HTTP API shows, not these addresses.
 *
 * @param id                the message id (what {@code message/send} returns in its tokens)
 * @param account           the username of the account it belongs to
 * @param inbound           true if a phone texted the account, false if the account sent it
 * @param sourceAddress     the sender: digits only, 10 for NANP numbers
 * @param destAddress       the recipient: digits only, 10 for NANP numbers
 * @param body              the text
 * @param fingerprint       the conversation fingerprint (same for every message between the account and one number)
 * @param transmissionState e.g. QUEUED, SENT, DELIVERED, ERROR
 * @param dateCreated       when it was created, to the millisecond
 */
public record SandboxMessage(long id, String account, boolean inbound, String sourceAddress, String destAddress,
        String body, String fingerprint, String transmissionState, Instant dateCreated) {
}
