package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.Set;

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

    /**
     * Two nodes reconcile one account at once: each lists no webhook, installs its own with its own
     * secret, and keeps only the secrets it listed. Neither may revoke the other's fresh secret, or
     * Zipwhip's calls with it are refused on every node (403) until the next reconcile.
     */
    @Test
    public void twoNodesInstallingAtOnceKeepBothSecretsUntilTheGracePasses() {
        SharedSecrets table = new SharedSecrets();
        ZipwhipWebhooksTest.MovableClock clock = new ZipwhipWebhooksTest.MovableClock();
        clock.now = Instant.parse("2026-12-03T10:00:00Z");
        WebhookSecrets a = new WebhookSecrets(SecretTable.shared(table, ZipwhipProvider.KEY), clock);
        WebhookSecrets b = new WebhookSecrets(SecretTable.shared(table, ZipwhipProvider.KEY), clock);
        String onA = WebhookSecrets.newSecret();
        String onB = WebhookSecrets.newSecret();
        a.put("2065550101", "+12065550101", "https://ats.example/zipwhip/webhook", onA);
        b.put("2065550101", "+12065550101", "https://ats.example/zipwhip/webhook", onB);
        b.retain("2065550101", Set.of(onB)); // B listed the webhooks before A's was added
        a.retain("2065550101", Set.of(onA));

        assertTrue("A's webhook is verified on B", b.verify("2065550101", onA));
        assertTrue("B's webhook is verified on A", a.verify("2065550101", onB));

        clock.now = clock.now.plus(WebhookSecrets.GRACE).plusSeconds(1);
        b.retain("2065550101", Set.of(onB)); // the next reconcile: A's webhook was deleted as a duplicate
        assertFalse("a secret no webhook has lapses once the grace is over", a.verify("2065550101", onA));
        assertTrue(a.verify("2065550101", onB));
        b.retain("2065550101", Set.of());
        assertFalse("no webhook left: its calls are refused", a.verify("2065550101", onB));
        b.remove("2065550101");
        assertTrue("removed: nothing of the account is left", b.accounts().isEmpty());
    }
}
