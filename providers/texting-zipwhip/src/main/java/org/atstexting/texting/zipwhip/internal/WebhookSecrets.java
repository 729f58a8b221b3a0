package org.atstexting.texting.zipwhip.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

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

    /**
     * How long a secret another node added survives this node's clean-up without being among the
     * webhooks this node listed: longer than a reconcile takes (its listing, then its clean-up),
     * shorter than anyone should rely on a deleted webhook's secret. Nodes' clocks in NTP sync.
     */
    static final Duration GRACE = Duration.ofMinutes(10);
    private static final String SECRET = ".secret.";
    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-f]{64}");

    private final SecretTable props;
    private final Clock clock;

    /** Secrets in a file of the bundle's data area: for one node, tests, and running outside OSGi. */
    WebhookSecrets(Path file) {
        this(SecretTable.inFile(file, "Zipwhip webhooks: SHA-256 of each account's secret, never the secret"));
    }

    /** Secrets in the given table: the core's shared one, so every node verifies what any node installed. */
    WebhookSecrets(SecretTable table) {
        this(table, Clock.systemUTC());
    }

    WebhookSecrets(SecretTable table, Clock clock) {
        this.props = table;
        this.clock = clock;
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
        Set<String> hashes = hashes(account).keySet();
        if (hashes.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<byte[]> parsed = new ArrayList<>();
            for (String h : hashes) {
                parsed.add(HexFormat.of().parseHex(h));
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

    /**
     * Adds a secret for the account's webhooks at {@code callbackUrl} (the account's other secrets
     * stay). Each secret is a name of its own, so two nodes adding at once cannot overwrite each
     * other's.
     */
    synchronized void put(String account, String accountNumber, String callbackUrl, String secret) {
        props.put(account + SECRET + HexFormat.of().formatHex(hash(secret)), clock.instant().toString());
        props.put(account + ".number", accountNumber);
        props.put(account + ".url", callbackUrl);
    }

    /**
     * Keeps only the given secrets of the account (those of its webhooks that are still
     * installed), and any added less than {@link #GRACE} ago: another node may have added it
     * after this node listed the webhooks, for a webhook this node did not see. With none left,
     * the account's calls are refused.
     */
    synchronized void retain(String account, Set<String> secrets) {
        Set<String> keep = new LinkedHashSet<>();
        for (String s : secrets) {
            keep.add(HexFormat.of().formatHex(hash(s)));
        }
        Instant graceFrom = clock.instant().minus(GRACE);
        Map<String, Optional<Instant>> stored = hashes(account);
        Set<String> left = new LinkedHashSet<>();
        for (Map.Entry<String, Optional<Instant>> hash : stored.entrySet()) {
            boolean young = hash.getValue().map(added -> added.isAfter(graceFrom)).orElse(false);
            if (keep.contains(hash.getKey()) || young) {
                left.add(hash.getKey());
            } else {
                props.remove(account + SECRET + hash.getKey());
            }
        }
        // the earlier form, a list in one name, rewritten as names. With no secret left the account's
        // number and URL stay: a secret another node adds at this moment needs them, and without a
        // secret they admit nothing (the account's removal takes them, remove)
        props.remove(account + ".hash");
        props.remove(account + ".hashes");
        for (String hash : left) {
            if (props.get(account + SECRET + hash).isEmpty()) {
                props.put(account + SECRET + hash, clock.instant().toString());
            }
        }
    }

    /** Revokes one secret of the account at once (this node added it, and no webhook has it). */
    synchronized void revoke(String account, String secret) {
        props.remove(account + SECRET + HexFormat.of().formatHex(hash(secret)));
    }

    /** The account's secret hashes (hex), with when each was added (empty: the earlier form, no time). */
    private Map<String, Optional<Instant>> hashes(String account) {
        Map<String, Optional<Instant>> hashes = new LinkedHashMap<>();
        String listed = props.get(account + ".hashes").orElse(props.get(account + ".hash").orElse(""));
        for (String h : listed.split(",")) {
            if (HEX_HASH.matcher(h.trim()).matches()) {
                hashes.put(h.trim(), Optional.empty());
            }
        }
        String prefix = account + SECRET;
        for (String name : props.names()) {
            String hash = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
            if (HEX_HASH.matcher(hash).matches()) {
                hashes.put(hash, props.get(name).flatMap(WebhookSecrets::instant));
            }
        }
        return hashes;
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    synchronized void remove(String account) {
        for (String hash : hashes(account).keySet()) {
            props.remove(account + SECRET + hash);
        }
        for (String key : new String[] {".hash", ".hashes", ".number", ".url"}) {
            props.remove(account + key);
        }
    }

    /** Revokes every secret: webhooks were switched off, every push is refused from now on. */
    synchronized void removeAll() {
        props.clear();
    }
}
