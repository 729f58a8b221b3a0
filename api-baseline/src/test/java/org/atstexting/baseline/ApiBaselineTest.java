package org.atstexting.baseline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.atstexting.texting.spi.TextingProvider;
import org.junit.Test;
import org.osgi.annotation.versioning.ConsumerType;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.EmbeddedResource;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;

/**
 * texting-api's build runs bnd-baseline-maven-plugin, which compares the new jar with the
 * newest released one; before the first release there is none, so it cannot fail yet
 * ({@code failOnMissing=false}). This test runs the same baseliner on the built texting-api
 * jar against a changed copy of itself, to show the rule that will then gate every build:
 * adding a method to the {@code @ConsumerType} SPI without raising the package's major version
 * is a mismatch (the plugin fails the build on it); raising it to 2.0.0 clears it.
 */
public class ApiBaselineTest {

    private static final String SPI = "org.atstexting.texting.spi";

    private static File apiJar() throws Exception {
        return new File(TextingProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static Info spiInfo(Jar newer, Jar older) throws Exception {
        try (Processor reporter = new Processor()) {
            Set<Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(newer, older, null);
            return infos.stream().filter(i -> i.packageName.equals(SPI)).findFirst().orElseThrow();
        }
    }

    @Test
    public void theUnchangedApiMatchesItsRelease() throws Exception {
        try (Jar older = new Jar(apiJar()); Jar newer = new Jar(apiJar())) {
            Info info = spiInfo(newer, older);
            assertFalse(info.mismatch);
        }
    }

    @Test
    public void aNewMethodInTheProviderSpiWithoutAMajorBumpIsAMismatch() throws Exception {
        try (Jar older = new Jar(apiJar()); Jar newer = withExtraProviderMethod()) {
            Info info = spiInfo(newer, older);
            assertTrue("an incompatible change at the same version must fail the baseline", info.mismatch);
            assertEquals(2, info.suggestedVersion.getMajor());
        }
    }

    @Test
    public void raisingTheMajorVersionClearsTheMismatch() throws Exception {
        try (Jar older = new Jar(apiJar()); Jar newer = withExtraProviderMethod()) {
            String exports = newer.getManifest().getMainAttributes().getValue("Export-Package");
            String bumped = exports.replace(SPI + ";version=\"1.0.0\"", SPI + ";version=\"2.0.0\"");
            assertFalse("the export was found and bumped", bumped.equals(exports));
            newer.getManifest().getMainAttributes().putValue("Export-Package", bumped);
            Info info = spiInfo(newer, older);
            assertFalse(info.mismatch);
        }
    }

    /** texting-api with {@code TextingProvider} recompiled with one more abstract method. */
    private static Jar withExtraProviderMethod() throws Exception {
        Path dir = Files.createTempDirectory("baseline");
        Path source = dir.resolve("org/atstexting/texting/spi/TextingProvider.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package org.atstexting.texting.spi;

                @org.osgi.annotation.versioning.ConsumerType
                public interface TextingProvider {
                    String PROVIDER_PROPERTY = "texting.provider";
                    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException;
                    org.atstexting.texting.CredentialCheck test(ProviderCredentials credentials);
                    InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) throws ProviderException;
                    /** the incompatible change: every existing provider lacks it */
                    void cancel(String providerMessageId) throws ProviderException;
                }
                """, StandardCharsets.UTF_8);
        String classpath = apiJar() + File.pathSeparator
                + new File(ConsumerType.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull("a JDK compiler", javac);
        int rc = javac.run(null, null, null, List.of("--release", "17", "-classpath", classpath, "-d",
                dir.toString(), source.toString()).toArray(new String[0]));
        assertEquals("the changed SPI compiles", 0, rc);
        Jar jar = new Jar(apiJar());
        jar.putResource("org/atstexting/texting/spi/TextingProvider.class",
                new EmbeddedResource(Files.readAllBytes(dir.resolve("org/atstexting/texting/spi/TextingProvider.class")), 0));
        return jar;
    }
}
