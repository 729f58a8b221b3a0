package org.atstexting.texting.core.internal.credentials;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.testsupport.postgres.TestDatabases.Kind;
import org.atstexting.texting.core.internal.TestStores;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** A send's look-up from memory answers what the database would, whatever was asked before. */
@RunWith(Parameterized.class)
public class SendReadinessLookupTest {

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    private static final String DANA = "+12065550123";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Kind kind;
    private CredentialVault vault;

    public SendReadinessLookupTest(Kind kind) {
        this.kind = kind;
    }

    @Before
    public void aliceHasZipwhip() throws Exception {
        vault = new CredentialVault(TestStores.on(null, TestDatabases.nodes(kind, tmp.newFolder("db").toPath(), 1).get(0)),
                CredentialCipher.fromKey(java.util.Base64.getEncoder().encodeToString(new byte[32])));
        vault.save("zipwhip", "2065550101", "+12065550101", "alice", "alice-pw");
    }

    /** A provider named "" (none such: nothing) is not "any provider" (all her sets), in either order. */
    @Test
    public void aBlankProviderAndAnyProviderAreAnsweredApart() {
        assertEquals(0, vault.readiness("alice", "", DANA).credentials().size());
        assertEquals("any provider: her set, though \"\" was asked first", 1,
                vault.readiness("alice", null, DANA).credentials().size());
        assertEquals(0, vault.readiness("alice", "", DANA).credentials().size());
        assertEquals(1, vault.readiness("alice", "zipwhip", DANA).credentials().size());
    }
}
