package org.atstexting.texting.twilio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderSecrets;
import org.junit.Test;

/**
 * In a cluster one node polls an account (its lease) while the balancer hands the account's
 * webhooks to any node: the node that never used the account verifies them with the Auth Token
 * another node shared through the core's secrets.
 */
public class SharedAuthTokensTest {

    /** Stands in for the core's table: one map both "nodes" see; counts writes. */
    private static final class SharedTable implements ProviderSecrets {
        final Map<String, String> rows = new TreeMap<>();
        int puts;

        @Override
        public synchronized void put(String provider, String name, String value) {
            puts++;
            rows.put(provider + "/" + name, value);
        }

        @Override
        public synchronized Optional<String> get(String provider, String name) {
            return Optional.ofNullable(rows.get(provider + "/" + name));
        }

        @Override
        public Map<String, String> list(String provider, String prefix) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized boolean remove(String provider, String name) {
            return rows.remove(provider + "/" + name) != null;
        }

        @Override
        public int removeAll(String provider, String prefix) {
            throw new UnsupportedOperationException();
        }
    }

    private static final String SID = "AC" + "1".repeat(32);

    @Test
    public void aNodeThatNeverUsedTheAccountVerifiesWithTheTokenAnotherNodeShared() {
        SharedTable table = new SharedTable();
        KnownAccounts polling = new KnownAccounts(Clock.systemUTC(), table);
        KnownAccounts other = new KnownAccounts(Clock.systemUTC(), table);
        assertEquals(List.of(), other.tokens(SID));

        polling.seen(new ProviderCredentials(SID, "+12065550101", "token-1"));
        assertEquals(List.of("token-1"), other.tokens(SID));

        for (int i = 0; i < 5; i++) {
            polling.seen(new ProviderCredentials(SID, "+12065550101", "token-1"));
        }
        assertEquals("written when the token is new to the node, not at every poll", 1, table.puts);

        polling.seen(new ProviderCredentials(SID, "+12065550101", "token-2"));
        assertEquals("an admin rotated the token: both verify for a while", List.of("token-2", "token-1"),
                new KnownAccounts(Clock.systemUTC(), table).tokens(SID));
        assertTrue(table.rows.values().stream().noneMatch(v -> v.contains("\r")));
    }
}
