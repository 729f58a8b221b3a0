package org.atstexting.texting.twilio.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.atstexting.texting.spi.ProviderCredentials;

/**
 * The Auth Tokens of the accounts the core used through this node, so a webhook can be
 * verified: Twilio signs with the account's Auth Token, which only the core keeps (encrypted)
 * and hands over for a call. Kept in memory only, never logged or written, and forgotten
 * after {@link #IDLE} without a send, test or poll (the core polls every account each
 * interval). The last two tokens seen are kept, so a webhook signed just before an admin
 * rotated the token still verifies. A webhook for an account this node has not seen since it
 * started cannot be verified: it is refused and polling reads the news.
 */
public final class KnownAccounts {

    static final Duration IDLE = Duration.ofHours(24);

    private record Known(List<String> tokens, Instant seen) {
    }

    private final Map<String, Known> accounts = new ConcurrentHashMap<>();
    private final Clock clock;

    public KnownAccounts(Clock clock) {
        this.clock = clock;
    }

    /** The core used these credentials now. */
    public void seen(ProviderCredentials credentials) {
        accounts.compute(credentials.username(), (sid, known) -> {
            List<String> tokens = new ArrayList<>(2);
            tokens.add(credentials.password());
            if (known != null) {
                known.tokens().stream().filter(t -> !t.equals(credentials.password())).findFirst().ifPresent(tokens::add);
            }
            return new Known(List.copyOf(tokens), clock.instant());
        });
    }

    /** The tokens to verify a webhook of this account with, newest first; empty when not known. */
    public List<String> tokens(String accountSid) {
        if (accountSid == null) {
            return List.of();
        }
        Known known = accounts.get(accountSid);
        if (known == null) {
            return List.of();
        }
        if (known.seen().plus(IDLE).isBefore(clock.instant())) {
            accounts.remove(accountSid, known);
            return List.of();
        }
        return known.tokens();
    }
}
