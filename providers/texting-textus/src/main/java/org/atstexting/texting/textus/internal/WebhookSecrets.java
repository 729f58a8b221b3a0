package org.atstexting.texting.textus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.atstexting.texting.spi.ProviderSecrets;

/**
 * The webhook secrets TextUs returned when an integration was registered, per account slug and
 * callback URL. In OSGi they are the core's shared, encrypted ones ({@link ProviderSecrets}):
 * every node of a cluster verifies a webhook the balancer sends it, and no node registers again
 * what another registered. Outside OSGi (tests) they live in a file, written atomically, so a
 * restart neither loses them nor registers again. Nothing here logs a secret.
 */
final class WebhookSecrets {

    private final ProviderSecrets shared;
    private final Path file;
    private final Properties secrets = new Properties();

    /** The core's shared secrets. */
    WebhookSecrets(ProviderSecrets shared) {
        this.shared = shared;
        this.file = null;
    }

    /** A file of this JVM's own (tests, outside OSGi). */
    WebhookSecrets(Path file) {
        this.shared = null;
        this.file = file;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                secrets.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the TextUs webhook secrets at " + file, e);
            }
        }
    }

    private static String key(String account, String callbackUrl) {
        return account + "|" + callbackUrl;
    }

    synchronized boolean has(String account, String callbackUrl) {
        return shared != null ? shared.get(TextusProvider.KEY, key(account, callbackUrl)).isPresent()
                : secrets.containsKey(key(account, callbackUrl));
    }

    /** Every secret known for the account (one per callback URL it was registered for). */
    synchronized List<String> of(String account) {
        if (shared != null) {
            return List.copyOf(shared.list(TextusProvider.KEY, account + "|").values());
        }
        List<String> out = new ArrayList<>();
        for (String name : secrets.stringPropertyNames()) {
            if (name.startsWith(account + "|")) {
                out.add(secrets.getProperty(name));
            }
        }
        return out;
    }

    synchronized void put(String account, String callbackUrl, String secret) {
        if (shared != null) {
            shared.put(TextusProvider.KEY, key(account, callbackUrl), secret);
            return;
        }
        secrets.setProperty(key(account, callbackUrl), secret);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                secrets.store(out, "TextUs webhook secrets (do not share)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the TextUs webhook secret at " + file, e);
        }
    }
}
