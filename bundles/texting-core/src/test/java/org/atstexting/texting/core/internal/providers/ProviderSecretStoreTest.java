package org.atstexting.texting.core.internal.providers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.texting.core.internal.TestStores;
import org.atstexting.texting.core.internal.credentials.CredentialCipher;
import org.atstexting.texting.core.internal.credentials.CredentialKeys;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/** Providers' secrets in the shared database: one node stores, another reads at once; sealed; rotated. */
@RunWith(Parameterized.class)
public class ProviderSecretStoreTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    @Parameter
    public TestDatabases.Kind kind;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TextingDatabase database;
    private CredentialCipher key = CredentialCipher.fromKey(newKey());

    @Before
    public void tables() throws Exception {
        database = TestDatabases.create(kind, tmp.getRoot().toPath());
        TestStores.on(tmp.getRoot().toPath().resolve("core.mv"), database); // migrates the core's tables
    }

    private ProviderSecretStore node(CredentialKeys keys) {
        return new ProviderSecretStore(database, keys);
    }

    @Test
    public void aSecretStoredThroughOneNodeIsReadByAnotherAtOnce() {
        ProviderSecretStore a = node(new CredentialKeys(key, null));
        ProviderSecretStore b = node(new CredentialKeys(key, null));
        a.put("zipwhip", "webhook.2065550101.hashes", "c0ffee");
        assertEquals(Optional.of("c0ffee"), b.get("zipwhip", "webhook.2065550101.hashes"));
        a.put("zipwhip", "webhook.2065550101.hashes", "c0ffee,beef");
        assertEquals("a put replaces", Optional.of("c0ffee,beef"), b.get("zipwhip", "webhook.2065550101.hashes"));
        assertEquals("providers do not see each other's", Optional.empty(), b.get("textus", "webhook.2065550101.hashes"));
    }

    @Test
    public void listingAndRemovingGoByPrefixTakenLiterally() {
        ProviderSecretStore store = node(new CredentialKeys(key, null));
        store.put("textus", "acme|https://a/x", "one");
        store.put("textus", "acme|https://b/x", "two");
        store.put("textus", "acme_other|https://a/x", "three");
        store.put("textus", "acmeXother|https://a/x", "four");
        assertEquals(Map.of("acme_other|https://a/x", "three"), store.list("textus", "acme_"));
        assertEquals(2, store.list("textus", "acme|").size());
        assertEquals("'_' is no wild card", 1, store.removeAll("textus", "acme_"));
        assertEquals(Optional.of("four"), store.get("textus", "acmeXother|https://a/x"));
        assertTrue(store.remove("textus", "acme|https://a/x"));
        assertFalse(store.remove("textus", "acme|https://a/x"));
        assertEquals(Map.of("acme|https://b/x", "two", "acmeXother|https://a/x", "four"), store.list("textus", ""));
    }

    @Test
    public void theDatabaseHoldsOnlyTheSealedValue() throws Exception {
        node(new CredentialKeys(key, null)).put("textus", "acme|https://a/x", "the-signing-secret");
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT sealed_value FROM core_provider_secret")) {
            assertTrue(r.next());
            assertFalse(r.getString(1).contains("the-signing-secret"));
        }
    }

    @Test
    public void aNewKeyReadsTheOldSecretsUntilRotationThenAloneReadsThem() {
        node(new CredentialKeys(key, null)).put("zipwhip", "webhook.1", "before rotation");
        CredentialCipher next = CredentialCipher.fromKey(newKey());
        assertEquals("a node with another key only sees nothing", Optional.empty(),
                node(new CredentialKeys(next, null)).get("zipwhip", "webhook.1"));
        ProviderSecretStore rotating = node(new CredentialKeys(next, key));
        assertEquals(Optional.of("before rotation"), rotating.get("zipwhip", "webhook.1"));
        assertEquals(new ProviderSecretStore.Rotation(1, 0), rotating.rotateKey());
        assertEquals("done: nothing left to rotate", new ProviderSecretStore.Rotation(0, 0), rotating.rotateKey());
        assertEquals(Optional.of("before rotation"), node(new CredentialKeys(next, null)).get("zipwhip", "webhook.1"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void anOverlongValueIsRefused() {
        node(new CredentialKeys(key, null)).put("zipwhip", "n", "x".repeat(4001));
    }

    private static String newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
