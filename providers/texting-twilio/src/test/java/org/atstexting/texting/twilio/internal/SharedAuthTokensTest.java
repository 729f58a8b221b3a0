package org.atstexting.texting.twilio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.util.List;

import org.atstexting.texting.kit.SharedSecrets;
import org.atstexting.texting.spi.ProviderCredentials;
import org.junit.Test;

/**
 * In a cluster one node polls an account (its lease) while the balancer hands the account's
 * webhooks to any node: the node that never used the account verifies them with the Auth Token
 * another node shared through the core's secrets.
 */
public class SharedAuthTokensTest {

    private static final String SID = "AC" + "1".repeat(32);

    @Test
    public void aNodeThatNeverUsedTheAccountVerifiesWithTheTokenAnotherNodeShared() {
        SharedSecrets table = new SharedSecrets();
        KnownAccounts polling = new KnownAccounts(Clock.systemUTC(), table);
        KnownAccounts other = new KnownAccounts(Clock.systemUTC(), table);
        assertEquals(List.of(), other.tokens(SID));

        polling.seen(new ProviderCredentials(SID, "+12065550101", "token-1"));
        assertEquals(List.of("token-1"), other.tokens(SID));

        for (int i = 0; i < 5; i++) {
            polling.seen(new ProviderCredentials(SID, "+12065550101", "token-1"));
        }
        assertEquals("written when the token is new to the node, not at every poll", 1, table.writes());

        polling.seen(new ProviderCredentials(SID, "+12065550101", "token-2"));
        assertEquals("an admin rotated the token: both verify for a while", List.of("token-2", "token-1"),
                new KnownAccounts(Clock.systemUTC(), table).tokens(SID));
        assertTrue(table.values().stream().noneMatch(v -> v.contains("\r")));
    }
}
