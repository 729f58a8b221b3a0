package org.atstexting.texting.core.internal.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts provider passwords with the JDK's AES-256-GCM. The key lives in its own file,
 * away from the encrypted data, so a copy of the data store alone reveals no password.
 * Each ciphertext is bound to its credential entry (associated data), so an encrypted
 * password copied onto another entry does not decrypt.
 */
public final class CredentialCipher {

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final String keyId;
    private final SecureRandom random = new SecureRandom();
    /** Looking a cipher up costs more than using it, and every send decrypts: one per thread, re-initialised each time. */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(CredentialCipher::newCipher);

    private CredentialCipher(SecretKey key) {
        this.key = key;
        this.keyId = fingerprint(key.getEncoded());
    }

    /**
     * The key given as configuration text (Base64 of 32 bytes), the same on every node.
     *
     * @throws IllegalArgumentException naming what is wrong, never the key
     */
    public static CredentialCipher fromKey(String base64) {
        byte[] encoded;
        try {
            encoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The credential key is not Base64 text");
        }
        if (encoded.length != KEY_BYTES) {
            throw new IllegalArgumentException("The credential key must be 32 bytes (256 bits) in Base64, e.g. the "
                    + "output of: openssl rand -base64 32");
        }
        return new CredentialCipher(new SecretKeySpec(encoded, "AES"));
    }

    /** A name for the key that reveals nothing of it: the first 8 bytes of its SHA-256, in hex. */
    public String keyId() {
        return keyId;
    }

    private static String fingerprint(byte[] raw) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** Loads the key from {@code keyFile}, creating it (readable by the owner only) the first time. */
    public static CredentialCipher fromKeyFile(Path keyFile) throws IOException {
        if (!Files.exists(keyFile)) {
            createKeyFile(keyFile);
        }
        byte[] encoded = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
        if (encoded.length != KEY_BYTES) {
            throw new IOException("Credential key file " + keyFile + " does not hold a 256-bit AES key");
        }
        return new CredentialCipher(new SecretKeySpec(encoded, "AES"));
    }

    private static void createKeyFile(Path keyFile) throws IOException {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "key", ".tmp");
        try {
            restrictToOwner(tmp);
            Files.writeString(tmp, Base64.getEncoder().encodeToString(raw), StandardCharsets.US_ASCII);
            Files.move(tmp, keyFile);
        } catch (FileAlreadyExistsException raced) {
            // another framework created it first: use theirs
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user profile's ACLs apply
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    public String encrypt(String plaintext, String entryId) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(entryId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** @throws GeneralSecurityException if the ciphertext was made with another key or for another entry */
    String decrypt(String sealed, String entryId) throws GeneralSecurityException {
        byte[] in = Base64.getDecoder().decode(sealed);
        Cipher cipher = ciphers.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
        cipher.updateAAD(entryId.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    }
}
