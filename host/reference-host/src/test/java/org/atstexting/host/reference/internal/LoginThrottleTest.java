package org.atstexting.host.reference.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;
import org.atstexting.testsupport.postgres.TestDatabases;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LoginThrottleTest {

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hands clock = new Hands();
    private final HostUsers users = id -> "alice".equals(id) ? Optional.of(new HostUser("alice", "Alice", false))
            : Optional.empty();
    @Rule
    public TemporaryFolder temp = new TemporaryFolder();
    private HostAuthenticator login;

    @Before
    public void login() {
        login = new HostAuthenticator(users,
                new HostStore(TestDatabases.create(TestDatabases.Kind.H2, temp.getRoot().toPath()), false), config(),
                clock);
    }

    @Test
    public void afterFiveWrongPasswordsEvenTheRightOneWaitsThenWorks() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            assertFalse(login.login("alice", "guess" + i, "10.0.0.9").ok());
        }
        HostAuthenticator.Outcome locked = login.login("alice", "demo", "10.0.0.9");
        assertFalse(locked.ok());
        assertTrue(locked.throttled());
        assertTrue(locked.retryAfter().compareTo(Duration.ofSeconds(30)) <= 0);

        // the real user elsewhere is not locked out
        assertTrue(login.login("alice", "demo", "10.0.0.1").ok());

        clock.now = clock.now.plusSeconds(31);
        assertTrue(login.login("alice", "demo", "10.0.0.9").ok());
    }

    @Test
    public void eachFurtherFailureDoublesTheWait() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            login.login("alice", "x", "10.0.0.9");
        }
        clock.now = clock.now.plusSeconds(31);
        assertFalse(login.login("alice", "x", "10.0.0.9").ok()); // sixth failure
        HostAuthenticator.Outcome locked = login.login("alice", "demo", "10.0.0.9");
        assertTrue(locked.throttled());
        assertTrue(locked.retryAfter().compareTo(Duration.ofSeconds(31)) > 0);
    }

    @Test
    public void oneAddressGuessingManyUsersIsThrottled() {
        for (int i = 0; i < LoginThrottle.FREE_ADDRESS_FAILURES; i++) {
            login.login("user" + i, "x", "10.0.0.7");
        }
        assertTrue(login.login("alice", "demo", "10.0.0.7").throttled());
        assertTrue(login.login("alice", "demo", "10.0.0.8").ok());
    }

    @Test
    public void anUnknownUserWithTheSharedPasswordIsRefused() {
        assertFalse(login.login("mallory", "demo", "10.0.0.9").ok());
    }

    static HttpLoginConfig config() {
        return (HttpLoginConfig) Proxy.newProxyInstance(HttpLoginConfig.class.getClassLoader(),
                new Class<?>[] {HttpLoginConfig.class}, (p, m, a) -> switch (m.getName()) {
                    case "userPassword" -> "demo";
                    case "printDemoNotice" -> false;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
