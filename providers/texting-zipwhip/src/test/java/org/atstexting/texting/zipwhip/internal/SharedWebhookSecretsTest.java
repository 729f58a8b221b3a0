package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.atstexting.texting.kit.SharedSecrets;
import org.junit.Test;

/**
 * In OSGi the secrets are the core's shared ones: a webhook that one node installed is verified
 * by another node the balancer sends its call to, and revoked for both at once.
 */
public class SharedWebhookSecretsTest {

    @Test
    public void aSecretInstalledByOneNodeIsVerifiedByTheOtherAndRevokedForBoth() {
        SharedSecrets table = new SharedSecrets();
        WebhookSecrets a = new ZipwhipInbound(table).secrets();
        WebhookSecrets b = new ZipwhipInbound(table).secrets();
        String secret = WebhookSecrets.newSecret();
        a.put("2065550101", "+12065550101", "https://ats.example/zipwhip/webhook", secret);

        assertTrue("node B verifies what node A installed", b.verify("2065550101", secret));
        assertFalse(b.verify("2065550101", WebhookSecrets.newSecret()));
        assertTrue("only the hash is kept", table.values().stream().noneMatch(v -> v.contains(secret)));

        a.removeAll();
        assertFalse("revoked on node B too", b.verify("2065550101", secret));
    }
}
