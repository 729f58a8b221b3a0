package org.atstexting.texting.core.internal.credentials;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.testsupport.postgres.TestDatabases.Kind;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.core.internal.Fixtures;
import org.atstexting.texting.core.internal.TestStores;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * One key for all nodes, from configuration; rotating it re-encrypts every stored secret, and
 * the previous key keeps opening what it sealed until the rotation is done.
 */
@RunWith(Parameterized.class)
public class CredentialKeyRotationTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Kind kind;
    private final String oldKey = newKey();
    private final String newKey = newKey();
    private List<TextingDatabase> nodes;
    private int vaults;

    public CredentialKeyRotationTest(Kind kind) {
        this.kind = kind;
    }

    private static String newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    @Before
    public void saveUnderTheOldKey() throws Exception {
        nodes = TestDatabases.nodes(kind, tmp.newFolder("db").toPath(), 2);
        CredentialVault before = vault(0, oldKey, "");
        before.save("zipwhip", "2065550100", "+12065550100", null, "system-pw");
        before.save("zipwhip", "2065550101", "+12065550101", "alice", "alice-pw");
        before.save("twilio", "AC01", "+12065550102", "bob", "bob-token");
    }

    private CredentialVault vault(int node, String key, String previous) throws Exception {
        Fixtures.Config config = new Fixtures.Config();
        config.credentialKey = key;
        config.previousCredentialKey = previous;
        // each vault its own (local) bulk file; the tables are the node's database
        return new CredentialVault(TestStores.on(tmp.getRoot().toPath().resolve("n" + node + "-" + (++vaults) + ".mv"),
                nodes.get(node)),
                CredentialKeys.from(config, name -> null));
    }

    @Test
    public void theConfiguredKeyIsTheSameOnEveryNode() throws Exception {
        assertEquals("alice-pw", vault(1, oldKey, "").unlock(vault(1, oldKey, "").find("zipwhip", "alice").orElseThrow())
                .password());
    }

    @Test
    public void rotationReEncryptsEverySecretAndThePreviousKeyWorksUntilItIsDone() throws Exception {
        CredentialVault rotating = vault(0, newKey, oldKey);
        CredentialVault otherNode = vault(1, newKey, oldKey);
        assertEquals("before the rotation the old key still opens", "bob-token",
                otherNode.unlock(otherNode.find("twilio", "bob").orElseThrow()).password());

        CredentialVault.Rotation rotation = rotating.rotateKey();
        assertEquals(3, rotation.reEncrypted());
        assertEquals(List.of(), rotation.unreadable());

        CredentialVault newOnly = vault(1, newKey, "");
        for (StoredCredential stored : newOnly.all()) {
            assertEquals(CredentialCipher.fromKey(newKey).keyId(), stored.keyId());
        }
        assertEquals("system-pw", newOnly.unlock(newOnly.find("zipwhip", null).orElseThrow()).password());
        assertEquals("alice-pw", newOnly.unlock(newOnly.find("zipwhip", "alice").orElseThrow()).password());
        assertEquals("bob-token", newOnly.unlock(newOnly.find("twilio", "bob").orElseThrow()).password());

        CredentialVault oldOnly = vault(1, oldKey, "");
        try {
            oldOnly.unlock(oldOnly.find("twilio", "bob").orElseThrow());
            fail("the old key alone opened a secret re-encrypted with the new one");
        } catch (TextingException e) {
            assertEquals(TextingException.Reason.SERVICE_UNAVAILABLE, e.reason());
        }
        assertEquals("a second rotation finds nothing to do", 0, rotating.rotateKey().reEncrypted());
    }

    /**
     * A run that resealed may have failed before it logged its change, or another node may have
     * resealed the rows and not logged yet: a run that finds nothing to do still tells every node's
     * memory of the sets (their copies would keep the old ciphertext once the old key is gone).
     */
    @Test
    public void aRotationThatFindsNothingToDoStillTellsEveryNodesMemory() throws Exception {
        CredentialVault rotating = vault(0, newKey, oldKey);
        rotating.rotateKey();
        long before = changes();
        assertEquals(0, rotating.rotateKey().reEncrypted());
        assertEquals("the second run logged a change of the sets", before + 1, changes());
    }

    private long changes() throws Exception {
        try (java.sql.Connection c = nodes.get(1).connection();
                java.sql.PreparedStatement select = c.prepareStatement(
                        "SELECT COUNT(*) FROM core_change WHERE kind = 'CREDENTIALS'");
                java.sql.ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    public void twoNodesRotatingAtOnceReEncryptEachSecretOnce() throws Exception {
        CredentialVault a = vault(0, newKey, oldKey);
        CredentialVault b = vault(1, newKey, oldKey);
        CompletableFuture<CredentialVault.Rotation> onA = CompletableFuture.supplyAsync(a::rotateKey);
        CompletableFuture<CredentialVault.Rotation> onB = CompletableFuture.supplyAsync(b::rotateKey);
        int total = onA.get(60, TimeUnit.SECONDS).reEncrypted() + onB.get(60, TimeUnit.SECONDS).reEncrypted();
        assertEquals(3, total);
        CredentialVault newOnly = vault(1, newKey, "");
        assertEquals("bob-token", newOnly.unlock(newOnly.find("twilio", "bob").orElseThrow()).password());
    }

    @Test
    public void aSecretUnderAKeyNobodyConfiguredIsReportedAndLeftAlone() throws Exception {
        String lost = newKey();
        vault(0, lost, "").save("zipwhip", "2065550109", "+12065550109", "carol", "carol-pw");
        CredentialVault.Rotation rotation = vault(0, newKey, oldKey).rotateKey();
        assertEquals(3, rotation.reEncrypted());
        assertEquals(List.of("user|carol|zipwhip"), rotation.unreadable());
        CredentialVault withLostKey = vault(1, lost, "");
        assertEquals("carol-pw", withLostKey.unlock(withLostKey.find("zipwhip", "carol").orElseThrow()).password());
    }

    @Test
    public void aMalformedKeyIsRefusedWithoutShowingIt() {
        Fixtures.Config config = new Fixtures.Config();
        config.credentialKey = "c2hvcnQ="; // "short"
        try {
            CredentialKeys.from(config, name -> null);
            fail("a 5-byte key was accepted");
        } catch (IllegalArgumentException | java.io.IOException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("32 bytes"));
            assertTrue(!e.getMessage().contains("c2hvcnQ"));
        }
    }
}
