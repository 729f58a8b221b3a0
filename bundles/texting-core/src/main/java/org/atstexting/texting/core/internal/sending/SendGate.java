package org.atstexting.texting.core.internal.sending;

import java.util.List;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.core.internal.optout.OptOutRegistry;
import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.host.HostRecord;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The one answer to "may this text go now", for every send path: a single text, each
 * recipient of a bulk job (when the job starts and again just before its text goes) and the
 * automatic replies. The checks run in one order, and the first that fails refuses with a
 * reason an admin can act on: permission, body, recipient, opt-out, credentials. Quiet hours
 * are the bulk worker's own last step (single texts and replies are never delayed). A text
 * leaves only through a {@link Clearance} the gate gave: no path can skip a check.
 */
@Component(service = SendGate.class, configurationPid = CoreConfiguration.PID)
public final class SendGate {

    private final PermissionGuard guard;
    private final CredentialVault vault;
    private final OptOutRegistry optOuts;
    private final OutboundSender sender;
    // plain settings, applied live
    private volatile PhoneNumbers phoneNumbers;
    private volatile int maxBodyLength;

    @Activate
    public SendGate(@Reference TextingPermissions permissions, @Reference CredentialVault vault,
            @Reference OptOutRegistry optOuts, @Reference OutboundSender sender, CoreConfiguration config) {
        this.guard = new PermissionGuard(permissions);
        this.vault = vault;
        this.optOuts = optOuts;
        this.sender = sender;
        modified(config);
    }

    @Modified
    void modified(CoreConfiguration config) {
        this.phoneNumbers = new PhoneNumbers(config.defaultRegion());
        this.maxBodyLength = config.maxBodyLength();
    }

    /** A text that passed every check: it goes from this account to this number with this body. */
    public final class Clearance {
        private final StoredCredential account;
        private final String userId;
        private final String to;
        private final String body;

        private Clearance(StoredCredential account, String userId, String to, String body) {
            this.account = account;
            this.userId = userId;
            this.to = to;
            this.body = body;
        }

        /** Hands the text to the provider; archived and announced. */
        public TextMessage send(RecordRef origin) throws TextingException {
            return sender.send(account, userId, to, body, origin);
        }

        public String provider() {
            return account.provider();
        }
    }

    /** Checks a user's text: permission, body, recipient (E.164), opt-out, then the user's credentials. */
    public Clearance clear(String userId, String provider, String to, String body) throws TextingException {
        requireCanText(userId);
        String checkedBody = checkBody(body);
        String number = toE164(to);
        CredentialVault.SendReadiness readiness = vault.readiness(userId, provider, number);
        if (readiness.optedOut() == null) {
            optOuts.requireNotOptedOut(number); // no credentials to read it with; refused for them next
        } else if (readiness.optedOut()) {
            throw optOuts.refusal(number);
        }
        return new Clearance(pick(readiness.credentials(), userId, provider), userId, number, checkedBody);
    }

    /**
     * Checks an automatic reply (help, opt-out and opt-in confirmations) from the account a
     * text came in to: its body and the account only. A reply is never refused for the
     * number's opt-out: exactly one confirmation may follow it, and HELP is always answered.
     */
    public Clearance clearReply(StoredCredential account, String ownerUserId, String to, String body)
            throws TextingException {
        return new Clearance(account, ownerUserId, toE164(to), checkBody(body));
    }

    /** Waits until the texts sent so far are archived: readers of a conversation see what was just sent. */
    void awaitArchived() {
        sender.awaitArchived();
    }

    /** The checks a bulk job makes once, before it is stored: permission and credentials. */
    public String requireSender(String userId, String provider) throws TextingException {
        requireCanText(userId);
        return credentialsFor(userId, provider).provider();
    }

    public void requireCanText(String userId) throws TextingException {
        guard.requireCanText(userId);
    }

    public boolean isAdmin(String userId) {
        return guard.isAdmin(userId);
    }

    public String checkBody(String body) throws TextingException {
        if (body == null || body.isBlank()) {
            throw new TextingException(Reason.INVALID_INPUT, "A text needs a message; the body is empty");
        }
        int max = maxBodyLength;
        if (body.length() > max) {
            throw new TextingException(Reason.INVALID_INPUT, "The message has " + body.length()
                    + " characters; at most " + max + " are allowed");
        }
        return body;
    }

    /** A number as typed, in E.164 (numbers without a country code are read in the default region). */
    public String toE164(String number) throws TextingException {
        return phoneNumbers.toE164(number);
    }

    /** A record's number in E.164; refused when it has none. */
    public String numberOf(HostRecord record) throws TextingException {
        if (record.phoneNumber() == null || record.phoneNumber().isBlank()) {
            throw new TextingException(Reason.INVALID_INPUT, record.displayName() + " (" + record.ref()
                    + ") has no phone number to text");
        }
        return toE164(record.phoneNumber());
    }

    public boolean isOptedOut(String e164) {
        return optOuts.isOptedOut(e164);
    }

    /** The refusal for a text to an opted-out number, in words. */
    public String optOutDetail(String e164) {
        return optOuts.refusal(e164).getMessage();
    }

    /** The user's own credentials for the provider, or for their only provider when none is named. */
    StoredCredential credentialsFor(String user, String provider) throws TextingException {
        return pick(provider != null ? vault.find(provider, user).stream().toList() : vault.ownedBy(user), user,
                provider);
    }

    /** Of a user's sets ({@code own}: the named provider's, or all), the one to send with. */
    private static StoredCredential pick(List<StoredCredential> own, String user, String provider)
            throws TextingException {
        if (provider != null) {
            return own.stream().findFirst().orElseThrow(() -> new TextingException(Reason.NO_CREDENTIALS,
                    "User '" + user + "' has no " + provider + " credentials; add them under User Settings > Texting"));
        }
        if (own.size() == 1) {
            return own.get(0);
        }
        throw new TextingException(Reason.NO_CREDENTIALS, own.isEmpty()
                ? "User '" + user + "' has no texting credentials; add them under User Settings > Texting"
                : "User '" + user + "' has credentials for several providers; name the provider to send through");
    }
}
