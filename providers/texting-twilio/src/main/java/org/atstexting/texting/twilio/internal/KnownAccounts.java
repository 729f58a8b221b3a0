package org.atstexting.texting.twilio.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;


import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderSecrets;

/**
 * The Auth Tokens of the accounts the core used, so a webhook can be verified: Twilio signs
 * with the account's Auth Token, which only the core keeps (encrypted) and hands over for a
 * call. Never logged. In memory, forgotten after {@link #IDLE} without a send, test or poll;
 * in OSGi also in the core's shared, encrypted secrets ({@link ProviderSecrets}, written when
 * a token is new to this node), because in a cluster only one node polls an account (its lease)
 * while the balancer may hand that account's webhook to any node. The last two tokens seen are
 * kept, so a webhook signed just before an admin rotated the token still verifies. A webhook
 * for an account no node has used cannot be verified: it is refused and polling reads the news.
 */
public final class KnownAccounts {

    static final Duration IDLE = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(KnownAccounts.class.getName());

    private record Known(List<String> tokens, Instant seen) {
    }

    private static final String PREFIX = "authTokens.";

    private final Map<String, Known> accounts = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ProviderSecrets shared;

    /** @param shared the core's secrets shared by every node, or {@code null} for memory only */
    public KnownAccounts(Clock clock, ProviderSecrets shared) {
        this.clock = clock;
        this.shared = shared;
    }

    public KnownAccounts(Clock clock) {
        this(clock, null);
    }

    /** The core used these credentials now. */
    public void seen(ProviderCredentials credentials) {
        Known before = accounts.get(credentials.username());
        Known now = accounts.compute(credentials.username(), (sid, known) -> {
            List<String> tokens = new ArrayList<>(2);
            tokens.add(credentials.password());
            if (known != null) {
                known.tokens().stream().filter(t -> !t.equals(credentials.password())).findFirst().ifPresent(tokens::add);
            }
            return new Known(List.copyOf(tokens), clock.instant());
        });
        if (shared != null && (before == null || !before.tokens().equals(now.tokens()))) {
            try {
                shared.put(TwilioProvider.KEY, PREFIX + credentials.username(), String.join("\n", now.tokens()));
            } catch (RuntimeException e) {
                // this node still verifies from memory; others read the news by polling
                LOG.warning(() -> "Could not share the Twilio account " + credentials.username()
                        + "'s webhook key with the other nodes: " + e.getMessage());
            }
        }
    }

    /** The tokens to verify a webhook of this account with, newest first; empty when not known. */
    public List<String> tokens(String accountSid) {
        if (accountSid == null) {
            return List.of();
        }
        Known known = accounts.get(accountSid);
        if (known == null) {
            return sharedTokens(accountSid);
        }
        if (known.seen().plus(IDLE).isBefore(clock.instant())) {
            accounts.remove(accountSid, known);
            return List.of();
        }
        return known.tokens();
    }

    /** What another node shared (read on every miss: a webhook for an account this node never used). */
    private List<String> sharedTokens(String accountSid) {
        if (shared == null || accountSid.length() > 100) {
            return List.of();
        }
        try {
            return shared.get(TwilioProvider.KEY, PREFIX + accountSid).map(v -> List.of(v.split("\n"))).orElse(List.of());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Could not read the Twilio account " + accountSid + "'s shared webhook key: " + e.getMessage());
            return List.of();
        }
    }
}
