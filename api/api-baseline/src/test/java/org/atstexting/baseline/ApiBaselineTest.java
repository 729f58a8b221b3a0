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
 * Semantic versioning of texting-api, enforced on every build. texting-api's own build runs
 * bnd-baseline-maven-plugin against the newest released jar; until a release is published
 * there is none ({@code failOnMissing=false}), so this module baselines the built jar against
 * the API contract committed beside this test ({@value #CONTRACT}: the packages at 1.0.0) and
 * fails the build on any change that does not raise the package versions the way bnd's
 * baseliner requires. When a release is published, replace the committed jar with it.
 * The other tests show the rule on a changed copy: a method added to the
 * {@code @ConsumerType} SPI without a major bump is a mismatch; 2.0.0 clears it.
 */
public class ApiBaselineTest {

    private static final String SPI = "org.atstexting.texting.spi";
    private static final String CONTRACT = "texting-api-1.0.0-contract.jar";

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
    public void theBuiltApiKeepsItsCommittedContractOrRaisesItsPackageVersions() throws Exception {
        File contract = new File(ApiBaselineTest.class.getResource("/" + CONTRACT).toURI());
        try (Jar older = new Jar(contract); Jar newer = new Jar(apiJar()); Processor reporter = new Processor()) {
            Set<Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(newer, older, null);
            List<String> mismatches = infos.stream().filter(i -> i.mismatch)
                    .map(i -> i.packageName + " changed (" + i.packageDiff.getDelta() + ") but stays at "
                            + i.newerVersion + "; it needs " + i.suggestedVersion)
                    .toList();
            assertTrue("texting-api broke its contract without a version bump: " + mismatches, mismatches.isEmpty());
            assertFalse("the contract's packages are all still exported", infos.isEmpty());
        }
    }

    /**
     * {@code org.atstexting.texting} went to 2.0.0 on purpose (no release exists yet): the archive
     * seam left it for its own package and {@code TextMessage} carries why a text failed and its
     * media; 2.1.0 added the inbox and the kept Test results (additions only). The contract stays
     * the 1.0.0 jar, so this pins the move: the package is at major 2, the baseliner must see an
     * incompatible change there (a major is needed, not merely allowed), and the seam package is
     * exported on its own at 1.0.0.
     */
    @Test
    public void theConsumerApiIsAtItsDeliberateMajorAndTheArchiveSeamIsItsOwnPackage() throws Exception {
        File contract = new File(ApiBaselineTest.class.getResource("/" + CONTRACT).toURI());
        try (Jar older = new Jar(contract); Jar newer = new Jar(apiJar()); Processor reporter = new Processor()) {
            Set<Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(newer, older, null);
            Info api = infos.stream().filter(i -> i.packageName.equals("org.atstexting.texting")).findFirst()
                    .orElseThrow();
            assertEquals("the deliberate major", 2, api.newerVersion.getMajor());
            assertEquals("the change needs the major", 2, api.suggestedVersion.getMajor());
            assertFalse(api.mismatch);
            String exports = newer.getManifest().getMainAttributes().getValue("Export-Package");
            assertTrue(exports, exports.contains("org.atstexting.texting.archive;version=\"1.0.0\""));
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
            // whatever minor version the SPI is at now, a major bump must clear the mismatch
            String bumped = exports.replaceFirst(java.util.regex.Pattern.quote(SPI) + ";version=\"1\\.[0-9]+\\.[0-9]+\"",
                    SPI + ";version=\"2.0.0\"");
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
