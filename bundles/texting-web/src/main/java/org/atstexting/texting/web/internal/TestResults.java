package org.atstexting.texting.web.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.atstexting.texting.CredentialCheck;

/**
 * The last "Test" of each set of credentials, so the settings page shows when it was
 * pressed and what the provider said after a reload. Kept in memory on this node (a test
 * is cheap to repeat); saving or removing the credentials forgets it, because it no longer
 * describes them.
 */
final class TestResults {

    /** A kept result. */
    record LastTest(Instant at, CredentialCheck.Outcome outcome, boolean ok, String message) {
    }

    private final Map<String, LastTest> results = new ConcurrentHashMap<>();
    private final Clock clock;

    TestResults(Clock clock) {
        this.clock = clock;
    }

    LastTest record(String owner, String provider, CredentialCheck check) {
        LastTest last = new LastTest(clock.instant(), check.outcome(), check.ok(), check.message());
        results.put(key(owner, provider), last);
        return last;
    }

    Optional<LastTest> last(String owner, String provider) {
        return Optional.ofNullable(results.get(key(owner, provider)));
    }

    void forget(String owner, String provider) {
        results.remove(key(owner, provider));
    }

    /** {@code owner} is {@code null} for the system credentials. */
    private static String key(String owner, String provider) {
        return (owner == null ? "system" : "user:" + owner) + "\u0000" + provider;
    }
}
