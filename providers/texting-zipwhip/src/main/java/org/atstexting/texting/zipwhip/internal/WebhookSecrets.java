package org.atstexting.texting.zipwhip.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The webhook secrets, one per Zipwhip account. A secret is 32 random bytes (base64url),
 * generated when the provider installs the account's webhook, and sent to Zipwhip inside
 * the callback URL; Zipwhip documents no signature scheme, so presenting the secret is the
 * proof that a call comes from Zipwhip.
 *
 * <p>Decision: only the SHA-256 of each secret is kept, next to the callback URL it was
 * installed for and the account's number: in OSGi in the core's shared table
 * ({@link org.atstexting.texting.spi.ProviderSecrets}), so a webhook the balancer sends to any
 * node is verified there; outside OSGi in a file ({@link SecretTable#inFile}). The secret itself exists in memory only
 * while the webhook is installed; nothing here ever logs it. A stolen file does not let
 * anyone forge a call, and a restart keeps verifying, because verifying needs the hash
 * only. Calls are checked by hashing the presented secret and comparing hashes with
 * {@link MessageDigest#isEqual} (constant time).
 */
final class WebhookSecrets {

    /**
     * What is stored for one account: every secret of a webhook still installed (a webhook
     * Zipwhip kept keeps working while another is added with a new secret).
     */
    record Entry(String account, String accountNumber, String callbackUrl, List<byte[]> secretHashes) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretTable props;

    /** Secrets in a file of the bundle's data area: for one node, tests, and running outside OSGi. */
    WebhookSecrets(Path file) {
        this(SecretTable.inFile(file, "Zipwhip webhooks: SHA-256 of each account's secret, never the secret"));
    }

    /** Secrets in the given table: the core's shared one, so every node verifies what any node installed. */
    WebhookSecrets(SecretTable table) {
        this.props = table;
    }

    static String newSecret() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    synchronized Optional<Entry> entry(String account) {
        String hashes = props.get(account + ".hashes").orElse(props.get(account + ".hash").orElse(null));
        if (hashes == null || hashes.isBlank()) {
            return Optional.empty();
        }
        try {
            List<byte[]> parsed = new ArrayList<>();
            for (String h : hashes.split(",")) {
                parsed.add(HexFormat.of().parseHex(h.trim()));
            }
            return Optional.of(new Entry(account, props.get(account + ".number").orElse(""),
                    props.get(account + ".url").orElse(""), parsed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The accounts that have secrets. */
    synchronized Set<String> accounts() {
        Set<String> accounts = new TreeSet<>();
        for (String key : props.names()) {
            if (key.endsWith(".number")) {
                accounts.add(key.substring(0, key.length() - ".number".length()));
            }
        }
        return accounts;
    }

    /** Whether {@code secret} is one installed for {@code account}; constant time in the secret. */
    boolean verify(String account, String secret) {
        if (account == null || secret == null) {
            return false;
        }
        Optional<Entry> entry = entry(account);
        byte[] presented = hash(secret);
        boolean match = false;
        for (byte[] h : entry.map(Entry::secretHashes).orElse(List.of())) {
            match |= MessageDigest.isEqual(presented, h);
        }
        return match;
    }

    /** Adds a secret for the account's webhooks at {@code callbackUrl} (the account's other secrets stay). */
    synchronized void put(String account, String accountNumber, String callbackUrl, String secret) {
        Set<String> hashes = hashes(account);
        hashes.add(HexFormat.of().formatHex(hash(secret)));
        store(account, accountNumber, callbackUrl, hashes);
    }

    /**
     * Keeps only the given secrets of the account (those of its webhooks that are still
     * installed); with none left the account is forgotten, and its calls are refused.
     */
    synchronized void retain(String account, Set<String> secrets) {
        Set<String> keep = new LinkedHashSet<>();
        for (String s : secrets) {
            keep.add(HexFormat.of().formatHex(hash(s)));
        }
        Set<String> hashes = hashes(account);
        hashes.retainAll(keep);
        if (hashes.isEmpty()) {
            remove(account);
        } else {
            store(account, props.get(account + ".number").orElse(""), props.get(account + ".url").orElse(""),
                    hashes);
        }
    }

    private Set<String> hashes(String account) {
        Set<String> hashes = new LinkedHashSet<>();
        entry(account).ifPresent(e -> e.secretHashes().forEach(h -> hashes.add(HexFormat.of().formatHex(h))));
        return hashes;
    }

    private void store(String account, String accountNumber, String callbackUrl, Set<String> hashes) {
        props.remove(account + ".hash");
        props.put(account + ".hashes", String.join(",", hashes));
        props.put(account + ".number", accountNumber);
        props.put(account + ".url", callbackUrl);
    }

    synchronized void remove(String account) {
        for (String key : new String[] {".hash", ".hashes", ".number", ".url"}) {
            props.remove(account + key);
        }
    }

    /** Revokes every secret: webhooks were switched off, every push is refused from now on. */
    synchronized void removeAll() {
        props.clear();
    }
}
