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

/**
 * The webhook secrets TextUs returned when this node registered an integration, per account
 * slug and callback URL, kept in the bundle's data area (written atomically) so a restart
 * neither loses them nor registers again. The file holds secrets: it is only in the data area,
 * and nothing here logs its content.
 */
final class WebhookSecrets {

    private final Path file;
    private final Properties secrets = new Properties();

    WebhookSecrets(Path file) {
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
        return secrets.containsKey(key(account, callbackUrl));
    }

    /** Every secret known for the account (one per callback URL it was registered for). */
    synchronized List<String> of(String account) {
        List<String> out = new ArrayList<>();
        for (String name : secrets.stringPropertyNames()) {
            if (name.startsWith(account + "|")) {
                out.add(secrets.getProperty(name));
            }
        }
        return out;
    }

    synchronized void put(String account, String callbackUrl, String secret) {
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
