package org.atstexting.sandbox.zipwhip.internal;

import java.time.Instant;
import java.util.UUID;

import org.atstexting.sandbox.zipwhip.SandboxMessage;

/** A message the sandbox stores. Its transmission state changes as one value, so it can be read without a lock. */
final class StoredMessage {

    /** The part that changes: state and the time it changed. */
    record Progress(String state, Instant updated) {
    }

    final long id;
    final String uuid = UUID.randomUUID().toString();
    final String account;
    final long deviceId;
    final long contactId;
    final boolean inbound;
    /** The other party: 10 digits for NANP, else E.164 digits. */
    final String other;
    final String body;
    final String fingerprint;
    final Instant created;
    private volatile Progress progress;

    StoredMessage(long id, String account, long deviceId, long contactId, boolean inbound, String other, String body,
            String fingerprint, String state, Instant created) {
        this.id = id;
        this.account = account;
        this.deviceId = deviceId;
        this.contactId = contactId;
        this.inbound = inbound;
        this.other = other;
        this.body = body;
        this.fingerprint = fingerprint;
        this.created = created;
        this.progress = new Progress(state, created);
    }

    Progress progress() {
        return progress;
    }

    void progress(String state, Instant updated) {
        progress = new Progress(state, updated);
    }

    String source() {
        return inbound ? other : account;
    }

    String dest() {
        return inbound ? account : other;
    }

    SandboxMessage snapshot() {
        return new SandboxMessage(id, account, inbound, source(), dest(), body, fingerprint, progress.state(), created);
    }
}
