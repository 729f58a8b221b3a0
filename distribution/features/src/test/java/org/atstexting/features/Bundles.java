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

    /** The services a bundle's mandatory {@code osgi.service} requirements ask for (objectClass). */
    static List<String> requiredServices(Path jar) {
        List<String> services = new ArrayList<>();
        for (List<String> clause : clauses(manifest(jar).getValue("Require-Capability"))) {
            if (clause.get(0).equals("osgi.service") && !optional(clause)) {
                clause.stream().filter(p -> p.startsWith("filter:=")).forEach(p -> {
                    var m = java.util.regex.Pattern.compile("\\(objectClass=([^)]+)\\)").matcher(p);
                    if (m.find()) {
                        services.add(m.group(1));
                    }
                });
            }
        }
        return services;
    }

    /** The services a bundle's {@code osgi.service} capabilities offer (objectClass). */
    static List<String> providedServices(Path jar) {
        List<String> services = new ArrayList<>();
        for (List<String> clause : clauses(manifest(jar).getValue("Provide-Capability"))) {
            if (clause.get(0).equals("osgi.service")) {
                clause.stream().filter(p -> p.startsWith("objectClass")).forEach(p -> {
                    for (String name : p.substring(p.indexOf('=') + 1).replace("\"", "").split(",")) {
                        services.add(name.trim());
                    }
                });
            }
        }
        return services;
    }
}
