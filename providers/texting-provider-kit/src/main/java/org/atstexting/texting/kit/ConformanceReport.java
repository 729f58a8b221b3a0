package org.atstexting.texting.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One line per check and provider, printed and appended to
 * {@code target/provider-conformance/<provider>.txt} (the system property
 * {@value #DIR_PROPERTY} moves it): {@code PASSED}, {@code FAILED} or
 * {@code NOT SUPPORTED: <reason>}. A check declared not supported is never silent.
 */
final class ConformanceReport {

    static final String DIR_PROPERTY = "conformance.reportDir";

    private ConformanceReport() {
    }

    static void record(String provider, Check check, String outcome) {
        String line = provider + " " + check + ": " + outcome;
        System.out.println("[provider conformance] " + line);
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "target/provider-conformance"));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(provider + ".txt"), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the conformance report in " + dir, e);
        }
    }
}
