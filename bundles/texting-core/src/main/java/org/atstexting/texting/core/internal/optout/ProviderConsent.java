package org.atstexting.texting.core.internal.optout;

import java.time.Clock;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.core.internal.credentials.StoredCredential;

/**
 * A provider's own opt-out list changed (a webhook, a poll of its list). Recorded only when
 * it changes the number's state, so the same news twice (a retried webhook, a poll after the
 * webhook) is recorded once. The cause starts with the provider's key: the opt-out mirrors do
 * not echo it back.
 */
public final class ProviderConsent {

    private static final Logger LOG = Logger.getLogger(ProviderConsent.class.getName());
    private static final Pattern PROVIDER_E164 = Pattern.compile("\\+[1-9]\\d{1,14}");

    private final OptOutRegistry optOuts;
    private final BiFunction<String, String, Optional<StoredCredential>> accounts;
    private final Clock clock;

    /** @param accounts the credentials of a provider's account, by provider and phone number */
    public ProviderConsent(OptOutRegistry optOuts, BiFunction<String, String, Optional<StoredCredential>> accounts,
            Clock clock) {
        this.optOuts = optOuts;
        this.accounts = accounts;
        this.clock = clock;
    }

    public void record(String provider, String number, String account, String cause, OptOutEvent.Kind kind) {
        if (provider == null || number == null || !PROVIDER_E164.matcher(number).matches()) {
            LOG.warning(() -> "Ignoring an opt-out change from provider '" + provider + "' for a number that is not E.164");
            return;
        }
        boolean optingOut = kind == OptOutEvent.Kind.OPT_OUT;
        if (optOuts.isOptedOut(number) == optingOut) {
            // no wait for every node here (ChangeFeed.alreadyInForce): this runs for every number of
            // a provider's own list on every poll, and news that is not new is waited for by its writer
            return;
        }
        String owner = account == null ? null
                : accounts.apply(provider, account).map(StoredCredential::ownerUserId).orElse(null);
        String said = cause == null || cause.isBlank() ? (optingOut ? "opted out" : "opted in") : cause.strip();
        optOuts.record(new OptOutEvent(number, kind, clock.instant(), provider + ": " + said,
                OptOutEvent.PROVIDER, null, owner));
    }
}
