package org.atstexting.features;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The jars copied to target/feature-bundles and their manifest headers. */
final class Bundles {

    private Bundles() {
    }

    static Path dir() {
        return Path.of(System.getProperty("atstexting.feature.bundles", "target/feature-bundles"));
    }

    static Path file(String name) {
        Path file = dir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("not among the built/declared artifacts: " + name);
        }
        return file;
    }

    static Attributes manifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] entry(Path jar, String name) {
        try (JarFile file = new JarFile(jar.toFile())) {
            var entry = file.getJarEntry(name);
            return entry == null ? null : file.getInputStream(entry).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> entries(Path jar, String prefix) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName()).filter(n -> n.startsWith(prefix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits an OSGi header into its clauses (commas outside quotes), each as
     * {@code [name, directives-and-attributes...]}.
     */
    static List<List<String>> clauses(String header) {
        List<List<String>> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        List<String> current = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                part.append(c);
            } else if (!quoted && c == ';') {
                current.add(part.toString().trim());
                part.setLength(0);
            } else if (!quoted && c == ',') {
                current.add(part.toString().trim());
                clauses.add(current);
                current = new ArrayList<>();
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        current.add(part.toString().trim());
        clauses.add(current);
        return clauses;
    }

    static boolean optional(List<String> clause) {
        return clause.stream().anyMatch(p -> p.replace(" ", "").equals("resolution:=optional"));
    }

    static Stream<String> exportedPackages(Path jar) {
        return clauses(manifest(jar).getValue("Export-Package")).stream().map(c -> c.get(0)).filter(s -> !s.isEmpty());
    }
}
