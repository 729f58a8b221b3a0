package org.atstexting.features;

import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.jar.Attributes;

import org.junit.Test;

/**
 * The app bundles need nothing specific to Felix: their mandatory imports are Java, OSGi
 * specifications, our own API and a few libraries; their requirements are OSGi-namespace
 * capabilities (a DS extender, an execution environment, services); Felix's Gogo command API is
 * imported optionally only (the commands switch off without a shell). This is why Equinox and
 * Karaf hosts load the same jars (app-equinox.bndrun resolves them; an itest runs them on Equinox).
 */
public class AppBundlesAreFrameworkNeutralTest {

    private static final String VERSION = System.getProperty("atstexting.version", "0.1.0-SNAPSHOT");
    private static final List<String> APP = List.of("texting-api", "texting-core", "texting-permissions",
            "texting-archive", "texting-zipwhip", "texting-twilio", "texting-jdbc");
    private static final List<String> ALLOWED = List.of("java.", "javax.", "org.osgi.", "org.atstexting.texting",
            "org.ietf.jgss", "jdk.net", // JDK packages HttpClient touches
            "com.google.gson", "com.google.i18n.phonenumbers", "org.h2.mvstore", "org.slf4j",
            "io.github.resilience4j", // the Zipwhip provider's rate limiter
            "com.zaxxer.hikari"); // the database pool

    @Test
    public void mandatoryImportsAreJavaOsgiOurApiAndLibrariesOnly() {
        for (String artifact : APP) {
            Attributes manifest = Bundles.manifest(Bundles.file(artifact + "-" + VERSION + ".jar"));
            for (List<String> clause : Bundles.clauses(manifest.getValue("Import-Package"))) {
                String pkg = clause.get(0);
                if (pkg.isEmpty()) {
                    continue;
                }
                if (pkg.startsWith("org.apache.felix.")) {
                    assertTrue(artifact + " must import Felix's " + pkg + " optionally", Bundles.optional(clause));
                    continue;
                }
                assertTrue(artifact + " imports " + pkg + ", which is neither Java, OSGi, our API nor a chosen library",
                        Bundles.optional(clause) || ALLOWED.stream().anyMatch(pkg::startsWith));
            }
            assertTrue(artifact + " requires only OSGi-namespace capabilities",
                    Bundles.clauses(manifest.getValue("Require-Capability")).stream()
                            .map(c -> c.get(0)).allMatch(ns -> ns.isEmpty() || ns.startsWith("osgi.")));
            assertTrue(artifact + " must not use Require-Bundle", manifest.getValue("Require-Bundle") == null);
            assertTrue(artifact + " must not use DynamicImport-Package", manifest.getValue("DynamicImport-Package") == null);
            assertTrue(artifact + " must not be a fragment", manifest.getValue("Fragment-Host") == null);
        }
    }
}
