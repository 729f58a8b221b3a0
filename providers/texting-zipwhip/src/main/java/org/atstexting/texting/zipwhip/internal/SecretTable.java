package org.atstexting.texting.zipwhip.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.atstexting.texting.spi.ProviderSecrets;

/**
 * Where the webhook secrets' entries live: the core's shared table (every node of a cluster reads
 * what any node wrote, at once), or a properties file for a single JVM (tests, outside OSGi).
 */
interface SecretTable {

    Optional<String> get(String name);

    void put(String name, String value);

    void remove(String name);

    Set<String> names();

    void clear();

    /** The core's shared, encrypted table, under this provider's key. */
    static SecretTable shared(ProviderSecrets secrets, String provider) {
        return new SecretTable() {
            @Override
            public Optional<String> get(String name) {
                return secrets.get(provider, name);
            }

            @Override
            public void put(String name, String value) {
                secrets.put(provider, name, value);
            }

            @Override
            public void remove(String name) {
                secrets.remove(provider, name);
            }

            @Override
            public Set<String> names() {
                return new TreeSet<>(secrets.list(provider, "").keySet());
            }

            @Override
            public void clear() {
                secrets.removeAll(provider, "");
            }
        };
    }

    /** A properties file, written atomically and owner-only where the file system allows. */
    static SecretTable inFile(Path file, String comment) {
        return new FileTable(file, comment);
    }

    /** The file form: read once, kept in memory, written whole after every change. */
    final class FileTable implements SecretTable {

        private final Path file;
        private final String comment;
        private final Properties props = new Properties();

        FileTable(Path file, String comment) {
            this.file = file;
            this.comment = comment;
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the webhook store " + file, e);
                }
            }
        }

        @Override
        public synchronized Optional<String> get(String name) {
            return Optional.ofNullable(props.getProperty(name));
        }

        @Override
        public synchronized void put(String name, String value) {
            if (!value.equals(props.setProperty(name, value))) {
                save();
            }
        }

        @Override
        public synchronized void remove(String name) {
            if (props.remove(name) != null) {
                save();
            }
        }

        @Override
        public synchronized Set<String> names() {
            return new TreeSet<>(props.stringPropertyNames());
        }

        @Override
        public synchronized void clear() {
            if (!props.isEmpty()) {
                props.clear();
                save();
            }
        }

        private void save() {
            try {
                Path dir = file.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "webhooks", ".tmp");
                try {
                    try {
                        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException notPosix) {
                        // Windows: the data area's ACLs apply
                    }
                    try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                        props.store(out, comment);
                    }
                    try {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the webhook store " + file, e);
            }
        }
    }
}
