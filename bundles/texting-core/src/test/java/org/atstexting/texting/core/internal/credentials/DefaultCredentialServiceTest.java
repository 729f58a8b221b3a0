package org.atstexting.texting.core.internal.credentials;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.CredentialsView;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.Fixtures;
import org.atstexting.texting.core.internal.TestStores;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DefaultCredentialServiceTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Fixtures.Permissions permissions = new Fixtures.Permissions();
    private final Fixtures.RecordingProvider provider = new Fixtures.RecordingProvider();
    private DefaultCredentialService credentials;
    private Path dir;

    @Before
    public void setUp() throws Exception {
        dir = tmp.getRoot().toPath();
        credentials = new DefaultCredentialService(permissions, Fixtures.vault(dir),
                Fixtures.registry("zipwhip", provider),
                TestStores.testLog(TestStores.core(dir.resolve("core.mv")), java.time.Clock.systemUTC()),
                Fixtures.config(dir.resolve("k.key"), 0));
    }

    @Test
    public void theGuidesOrderSystemFirstThenUsers() throws Exception {
        assertRefused(() -> credentials.saveUserCredentials("alice", input("2065550101", "alice-pw")),
                Reason.NO_SYSTEM_CREDENTIALS);
        assertRefused(() -> credentials.saveSystemCredentials("alice", input("2065550100", "right")),
                Reason.NOT_PERMITTED);

        CredentialsView system = credentials.saveSystemCredentials("admin", input("2065550100", "right"));
        assertEquals("+12065550100", system.phoneNumber());
        assertTrue(system.system());
        assertTrue(credentials.testSystemCredentials("admin", "zipwhip").ok());

        CredentialsView own = credentials.saveUserCredentials("alice", input("2065550101", "wrong"));
        assertEquals("alice", own.ownerUserId());
        assertEquals(CredentialCheck.Outcome.BAD_CREDENTIALS,
                credentials.testUserCredentials("alice", "zipwhip").outcome());
    }

    @Test
    public void aUsernameBelongsToOneOwner() throws Exception {
        credentials.saveSystemCredentials("admin", input("2065550100", "right"));
        credentials.saveUserCredentials("alice", input("2065550101", "pw"));
        permissions.canText.add("carol");

        assertRefused(() -> credentials.saveUserCredentials("carol", input("2065550101", "pw")), Reason.USERNAME_TAKEN);
        assertRefused(() -> credentials.saveUserCredentials("carol", input("2065550100", "pw")), Reason.USERNAME_TAKEN);
        assertFalse("the refusal changed nothing", credentials.userCredentials("carol", "zipwhip").isPresent());
        // saving her own again is fine
        credentials.saveUserCredentials("alice", input("2065550101", "new-pw"));
    }

    @Test
    public void withoutCanTextNothingIsAllowed() {
        assertRefused(() -> credentials.saveUserCredentials("bob", input("2065550102", "pw")), Reason.NOT_PERMITTED);
        assertRefused(() -> credentials.userCredentials("bob", "zipwhip"), Reason.NOT_PERMITTED);
        assertRefused(() -> credentials.testUserCredentials("bob", "zipwhip"), Reason.NOT_PERMITTED);
        assertRefused(() -> credentials.removeUserCredentials("bob", "zipwhip"), Reason.NOT_PERMITTED);
    }

    @Test
    public void refusesBadFieldsAndUnknownProviders() throws Exception {
        assertRefused(() -> credentials.saveSystemCredentials("admin", input("admin@corp", "pw")), Reason.INVALID_INPUT);
        assertRefused(() -> credentials.saveSystemCredentials("admin",
                new CredentialsInput("zipwhip", "2065550100", "not a phone", "pw")), Reason.INVALID_INPUT);
        assertRefused(() -> credentials.saveSystemCredentials("admin",
                new CredentialsInput("zipwhip", "2065550100", "2065550100", "")), Reason.INVALID_INPUT);
        assertRefused(() -> credentials.saveSystemCredentials("admin",
                new CredentialsInput("nosuch", "2065550100", "2065550100", "pw")), Reason.PROVIDER_UNAVAILABLE);
        assertFalse(credentials.systemCredentials("admin", "zipwhip").isPresent());
    }

    @Test
    public void passwordsAreNeitherStoredInClearNorShown() throws Exception {
        credentials.saveSystemCredentials("admin", input("2065550100", "Sup3r-Secret-PW"));
        CredentialsView view = credentials.systemCredentials("admin", "zipwhip").orElseThrow();
        assertFalse(view.toString().contains("Sup3r-Secret-PW"));
        assertFalse(input("x", "Sup3r-Secret-PW").toString().contains("Sup3r-Secret-PW"));
        // every file of the folder's database (the core's tables live there)
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(dir)) {
            for (java.nio.file.Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse("no clear password in " + file, new String(Files.readAllBytes(file),
                        java.nio.charset.StandardCharsets.ISO_8859_1).contains("Sup3r-Secret-PW"));
            }
        }

        assertTrue(credentials.removeSystemCredentials("admin", "zipwhip"));
        assertFalse(credentials.systemCredentials("admin", "zipwhip").isPresent());
    }

    private static CredentialsInput input(String username, String password) {
        return new CredentialsInput("zipwhip", username, username, password);
    }

    private interface Call {
        Object run() throws TextingException;
    }

    private static void assertRefused(Call call, Reason reason) {
        try {
            call.run();
            fail("expected " + reason);
        } catch (TextingException e) {
            assertEquals(e.getMessage(), reason, e.reason());
        }
    }
}
