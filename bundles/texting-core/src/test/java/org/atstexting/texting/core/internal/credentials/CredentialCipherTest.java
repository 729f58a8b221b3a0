package org.atstexting.texting.core.internal.credentials;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CredentialCipherTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void encryptsAndDecryptsForTheSameEntry() throws Exception {
        CredentialCipher cipher = CredentialCipher.fromKeyFile(tmp.getRoot().toPath().resolve("k/credentials.key"));
        String sealed = cipher.encrypt("s3cret-pass", "user|alice|zipwhip");
        assertFalse(new String(Base64.getDecoder().decode(sealed), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains("s3cret-pass"));
        assertEquals("s3cret-pass", cipher.decrypt(sealed, "user|alice|zipwhip"));
        assertNotEquals("a fresh IV every time", sealed, cipher.encrypt("s3cret-pass", "user|alice|zipwhip"));
    }

    @Test
    public void aCiphertextMovedToAnotherEntryDoesNotDecrypt() throws Exception {
        CredentialCipher cipher = CredentialCipher.fromKeyFile(tmp.getRoot().toPath().resolve("credentials.key"));
        String sealed = cipher.encrypt("s3cret-pass", "user|alice|zipwhip");
        assertThrows(GeneralSecurityException.class, () -> cipher.decrypt(sealed, "user|bob|zipwhip"));
    }

    @Test
    public void theKeyFileIsCreatedOnceReadableByTheOwnerOnlyAndReused() throws Exception {
        Path keyFile = tmp.getRoot().toPath().resolve("credentials.key");
        String sealed = CredentialCipher.fromKeyFile(keyFile).encrypt("pw", "system|zipwhip");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        assertEquals("pw", CredentialCipher.fromKeyFile(keyFile).decrypt(sealed, "system|zipwhip"));
    }

    @Test
    public void anotherKeyCannotDecrypt() throws Exception {
        String sealed = CredentialCipher.fromKeyFile(tmp.getRoot().toPath().resolve("a.key")).encrypt("pw", "e");
        CredentialCipher other = CredentialCipher.fromKeyFile(tmp.getRoot().toPath().resolve("b.key"));
        assertThrows(GeneralSecurityException.class, () -> other.decrypt(sealed, "e"));
    }
}
