package org.atstexting.host.reference.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing. After {@value #FREE_FAILURES} failed logins for one user
 * from one address, that pair must wait before the next try: 30 s, doubling with every
 * further failure, at most 15 minutes; while it waits even the right password is refused.
 * One address failing for many users is throttled the same way after
 * {@value #FREE_ADDRESS_FAILURES} failures. A success clears the pair's count. Other
 * addresses are not affected, so a guesser cannot lock the real user out from elsewhere.
 */
final class LoginThrottle {

    static final int FREE_FAILURES = 5;
    static final int FREE_ADDRESS_FAILURES = 20;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    /** Failures older than this are forgotten. */
    static final Duration MEMORY = Duration.ofHours(1);
    /** Entries kept at most (then the oldest are dropped): bounded memory under a flood. */
    static final int MAX_ENTRIES = 100_000;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait before a login is checked, if at all. */
    Optional<Duration> waitFor(String user, String address) {
        Instant now = clock.instant();
        Optional<Duration> pair = wait(failures.get(pairKey(user, address)), FREE_FAILURES, now);
        Optional<Duration> all = wait(failures.get(addressKey(address)), FREE_ADDRESS_FAILURES, now);
        if (pair.isPresent() && all.isPresent()) {
            return Optional.of(pair.get().compareTo(all.get()) > 0 ? pair.get() : all.get());
        }
        return pair.isPresent() ? pair : all;
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_ENTRIES) {
            failures.entrySet().removeIf(e -> e.getValue().last().plus(MEMORY).isBefore(now));
            if (failures.size() >= MAX_ENTRIES) {
                failures.clear();
            }
        }
        failures.merge(pairKey(user, address), new Failures(1, now), (old, one) -> new Failures(fresh(old, now) + 1, now));
        failures.merge(addressKey(address), new Failures(1, now), (old, one) -> new Failures(fresh(old, now) + 1, now));
    }

    void succeeded(String user, String address) {
        failures.remove(pairKey(user, address));
    }

    private static int fresh(Failures old, Instant now) {
        return old.last().plus(MEMORY).isBefore(now) ? 0 : old.count();
    }

    private static Optional<Duration> wait(Failures f, int free, Instant now) {
        if (f == null || f.count() < free || f.last().plus(MEMORY).isBefore(now)) {
            return Optional.empty();
        }
        int doublings = Math.min(f.count() - free, 10);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        Duration left = Duration.between(now, f.last().plus(wait));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    private static String pairKey(String user, String address) {
        return "u\u0000" + user + "\u0000" + address;
    }

    private static String addressKey(String address) {
        return "a\u0000" + address;
    }
}
