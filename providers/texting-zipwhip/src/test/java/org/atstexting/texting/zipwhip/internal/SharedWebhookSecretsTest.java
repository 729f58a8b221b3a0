package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.atstexting.texting.spi.ProviderSecrets;
import org.junit.Test;

/**
 * In OSGi the secrets are the core's shared ones: a webhook that one node installed is verified
 * by another node the balancer sends its call to, and revoked for both at once.
 */
public class SharedWebhookSecretsTest {

    /** Stands in for the core's table: one map seen by both "nodes". */
    private static final class SharedTable implements ProviderSecrets {
        final Map<String, String> rows = new TreeMap<>();

        @Override
        public synchronized void put(String provider, String name, String value) {
            rows.put(provider + "/" + name, value);
        }

        @Override
        public synchronized Optional<String> get(String provider, String name) {
            return Optional.ofNullable(rows.get(provider + "/" + name));
        }

        @Override
        public synchronized Map<String, String> list(String provider, String prefix) {
            Map<String, String> out = new TreeMap<>();
            rows.forEach((k, v) -> {
                if (k.startsWith(provider + "/" + prefix)) {
                    out.put(k.substring(provider.length() + 1), v);
                }
            });
            return out;
        }

        @Override
        public synchronized boolean remove(String provider, String name) {
            return rows.remove(provider + "/" + name) != null;
        }

        @Override
        public synchronized int removeAll(String provider, String prefix) {
            Set<String> gone = list(provider, prefix).keySet();
            gone.forEach(n -> rows.remove(provider + "/" + n));
            return gone.size();
        }
    }

    @Test
    public void aSecretInstalledByOneNodeIsVerifiedByTheOtherAndRevokedForBoth() {
        SharedTable table = new SharedTable();
        WebhookSecrets a = new ZipwhipInbound(table).secrets();
        WebhookSecrets b = new ZipwhipInbound(table).secrets();
        String secret = WebhookSecrets.newSecret();
        a.put("2065550101", "+12065550101", "https://ats.example/zipwhip/webhook", secret);

        assertTrue("node B verifies what node A installed", b.verify("2065550101", secret));
        assertFalse(b.verify("2065550101", WebhookSecrets.newSecret()));
        assertTrue("only the hash is kept", table.rows.values().stream().noneMatch(v -> v.contains(secret)));

        a.removeAll();
        assertFalse("revoked on node B too", b.verify("2065550101", secret));
    }
}
