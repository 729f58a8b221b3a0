package org.atstexting.features;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;

import org.junit.BeforeClass;
import org.junit.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Validates features.xml without a Karaf: against Karaf's own features schema; every bundle it
 * names is a built or declared artifact and an OSGi bundle; the layers reference each other as
 * designed; every feature that Karaf must supply exists in Karaf's standard/framework features;
 * every mandatory package a bundle imports is exported inside its feature's closure or by
 * what Karaf's framework and named features provide; default configurations name real
 * Metatype PIDs and attributes.
 */
public class FeaturesXmlTest {

    private static final String NS = "http://karaf.apache.org/xmlns/features/v1.6.0";
    private static final String VERSION = System.getProperty("atstexting.version", "0.1.0-SNAPSHOT");
    private static final String KARAF = "4.4.10";

    /**
     * Packages Karaf 4.4's framework provides to every bundle (system bundle: the OSGi core;
     * framework feature: Config Admin, Metatype, pax-logging's SLF4J) and those of the Karaf
     * standard features our features name (scr: the DS API; shell: Gogo's command API).
     */
    private static final Map<String, Set<String>> KARAF_PACKAGES = Map.of(
            "framework", Set.of("org.osgi.framework", "org.osgi.util.tracker", "org.osgi.service.cm",
                    "org.osgi.service.metatype", "org.slf4j", "org.ietf.jgss", "jdk.net"),
            "scr", Set.of("org.osgi.service.component", "org.osgi.service.component.annotations"),
            "eventadmin", Set.of("org.osgi.service.event"),
            "shell", Set.of("org.apache.felix.service.command"));

    private static Document features;
    private static Map<String, Element> byName;

    @BeforeClass
    public static void parse() throws Exception {
        Path file = Path.of(System.getProperty("atstexting.feature.file", "target/feature/feature.xml"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        features = factory.newDocumentBuilder().parse(file.toFile());
        byName = new LinkedHashMap<>();
        for (Element feature : children(features.getDocumentElement(), "feature")) {
            byName.put(feature.getAttribute("name"), feature);
        }
    }

    @Test
    public void isValidAgainstKarafsFeaturesSchema() throws Exception {
        Path core = Bundles.file("org.apache.karaf.features.core-" + KARAF + ".jar");
        byte[] xsd = Bundles.entry(core, "org/apache/karaf/features/karaf-features-1.6.0.xsd");
        assertNotNull("Karaf's features schema 1.6.0", xsd);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(new ByteArrayInputStream(xsd)))
                .newValidator()
                .validate(new StreamSource(Path.of(System.getProperty("atstexting.feature.file",
                        "target/feature/feature.xml")).toFile()));
        assertEquals(NS, features.getDocumentElement().getNamespaceURI());
        assertFalse("versions were filtered in", Files.readString(Path.of(System.getProperty(
                "atstexting.feature.file", "target/feature/feature.xml"))).contains("${"));
    }

    @Test
    public void theLayersReferenceEachOtherAsDesigned() {
        assertEquals(List.of("ats-texting-api", "ats-texting-core", "ats-texting-zipwhip", "ats-texting-twilio",
                "ats-texting-textus", "ats-texting-commands", "ats-texting"), List.copyOf(byName.keySet()));
        assertEquals(List.of(), featureDeps("ats-texting-api"));
        assertEquals(List.of("ats-texting-api", "scr", "eventadmin"), featureDeps("ats-texting-core"));
        assertEquals("a provider needs only the core", List.of("ats-texting-core"), featureDeps("ats-texting-zipwhip"));
        assertEquals("a provider needs only the core", List.of("ats-texting-core"), featureDeps("ats-texting-twilio"));
        assertEquals("a provider needs only the core", List.of("ats-texting-core"), featureDeps("ats-texting-textus"));
        assertEquals(List.of("shell", "ats-texting-core"), featureDeps("ats-texting-commands"));
        // providers are not inside the umbrella: Karaf uninstalls only features that were asked for, so
        // `feature:install ats-texting ats-texting-zipwhip` lets `feature:uninstall ats-texting-zipwhip` work
        assertEquals(List.of("ats-texting-core"), featureDeps("ats-texting"));

        List<Element> conditionals = children(byName.get("ats-texting"), "conditional");
        assertEquals("the shell commands are conditional", 1, conditionals.size());
        assertEquals("shell", children(conditionals.get(0), "condition").get(0).getTextContent().trim());
        assertEquals("ats-texting-commands", children(conditionals.get(0), "feature").get(0).getTextContent().trim());

        // our feature references carry our version, so an older ats-texting repository is never mixed in
        for (Element feature : byName.values()) {
            for (Element dep : children(feature, "feature")) {
                if (dep.getTextContent().trim().startsWith("ats-texting")) {
                    assertEquals(VERSION, dep.getAttribute("version"));
                }
            }
        }
    }

    @Test
    public void everyFeatureKarafMustSupplyExistsInKarafsStandardOrFrameworkFeatures() throws Exception {
        Set<String> karafFeatures = new HashSet<>();
        for (String repo : List.of("standard-" + KARAF + "-features.xml", "framework-" + KARAF + "-features.xml")) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(Bundles.file(repo).toFile());
            NodeList list = doc.getElementsByTagNameNS("*", "feature");
            for (int i = 0; i < list.getLength(); i++) {
                Element e = (Element) list.item(i);
                if (e.hasAttribute("name")) {
                    karafFeatures.add(e.getAttribute("name"));
                }
            }
        }
        for (String name : List.of("scr", "eventadmin", "shell")) {
            assertTrue("Karaf " + KARAF + " has feature " + name, karafFeatures.contains(name));
        }
        for (Element feature : allFeatureElements()) {
            String name = feature.getTextContent().trim();
            assertTrue(name + " is ours or Karaf's", byName.containsKey(name) || karafFeatures.contains(name));
        }
    }

    @Test
    public void everyBundleIsABuiltOrDeclaredArtifactAndAnOsgiBundle() {
        for (Element feature : byName.values()) {
            for (String url : bundleUrls(feature)) {
                Path jar = jarOf(url);
                Attributes manifest = Bundles.manifest(jar);
                assertNotNull(url + " is a bundle", manifest.getValue("Bundle-SymbolicName"));
                assertEquals(url + " is an R4+ bundle", "2", manifest.getValue("Bundle-ManifestVersion"));
                if (url.startsWith("mvn:org.atstexting/")) {
                    assertTrue(url, manifest.getValue("Bundle-SymbolicName").startsWith("org.atstexting."));
                    assertTrue("our bundles carry our version: " + url, url.endsWith("/" + VERSION));
                }
            }
        }
    }

    @Test
    public void everyMandatoryImportIsProvidedWithinTheFeatureClosure() {
        for (String name : byName.keySet()) {
            Set<String> closure = new HashSet<>();
            Set<String> karafFeatures = new HashSet<>(Set.of("framework"));
            collect(name, closure, karafFeatures);
            Set<String> available = new HashSet<>();
            karafFeatures.forEach(f -> available.addAll(KARAF_PACKAGES.getOrDefault(f, Set.of())));
            closure.forEach(url -> Bundles.exportedPackages(jarOf(url)).forEach(available::add));
            for (String url : closure) {
                Attributes manifest = Bundles.manifest(jarOf(url));
                if (!url.startsWith("mvn:org.atstexting/")) {
                    continue; // libraries were proven by bnd's resolver; their optional extras are theirs
                }
                for (List<String> clause : Bundles.clauses(manifest.getValue("Import-Package"))) {
                    String pkg = clause.get(0);
                    if (pkg.isEmpty() || pkg.startsWith("java.") || pkg.startsWith("javax.") || Bundles.optional(clause)) {
                        continue;
                    }
                    assertTrue("feature " + name + ": " + url + " imports " + pkg + ", which nothing in the feature provides",
                            available.contains(pkg));
                }
                String requirements = manifest.getValue("Require-Capability");
                if (requirements != null && requirements.contains("osgi.extender=osgi.component")) {
                    assertTrue("feature " + name + ": " + url + " needs Declarative Services (scr)",
                            karafFeatures.contains("scr"));
                }
            }
        }
    }

    /**
     * Karaf's resolver enforces the {@code osgi.service} requirements bnd writes for mandatory
     * references (features schema 1.3.0+). Each one in a feature's closure must be met by a
     * bundle there or by a {@code <capability>} of the closure (the host contract services, which
     * the host registers at run time), else {@code feature:install} fails on a stock Karaf.
     */
    @Test
    public void everyMandatoryServiceRequirementIsMetWithinTheFeatureClosure() {
        for (String name : byName.keySet()) {
            Set<String> closure = new HashSet<>();
            collect(name, closure, new HashSet<>());
            Set<String> services = new HashSet<>(featureServiceCapabilities(name));
            closure.forEach(url -> services.addAll(Bundles.providedServices(jarOf(url))));
            for (String url : closure) {
                for (String service : Bundles.requiredServices(jarOf(url))) {
                    assertTrue("feature " + name + ": " + url + " requires the service " + service
                            + ", which nothing in the feature provides or declares", services.contains(service));
                }
            }
        }
        assertEquals(Set.of("org.atstexting.texting.host.HostUsers", "org.atstexting.texting.host.HostRecords",
                "org.atstexting.texting.host.HostSecurityGroups"), Set.copyOf(featureServiceCapabilities("ats-texting-core")));
    }

    @Test
    public void noProviderNeedsAnHttpWhiteboardToInstall() {
        for (String provider : List.of("ats-texting-zipwhip", "ats-texting-twilio")) {
            for (String url : bundleUrls(byName.get(provider))) {
                for (String service : Bundles.requiredServices(jarOf(url))) {
                    assertFalse(url + " requires an HTTP runtime: " + service, service.contains("HttpServiceRuntime"));
                }
            }
        }
    }

    /** The objectClass names of the osgi.service capabilities a feature and the ats-texting features it includes declare. */
    private static List<String> featureServiceCapabilities(String feature) {
        List<String> names = new ArrayList<>();
        Element element = byName.get(feature);
        if (element == null) {
            return names;
        }
        for (Element capability : children(element, "capability")) {
            for (List<String> clause : Bundles.clauses(capability.getTextContent().trim())) {
                if (clause.get(0).equals("osgi.service")) {
                    clause.stream().filter(p -> p.startsWith("objectClass")).forEach(p -> names.add(
                            p.substring(p.indexOf('=') + 1).replace("\"", "").trim()));
                }
            }
        }
        featureDeps(feature).forEach(dep -> names.addAll(featureServiceCapabilities(dep)));
        return names;
    }

    @Test
    public void defaultConfigurationsNameRealMetatypePidsAndAttributes() throws Exception {
        Map<String, String> pidToBundle = Map.of(
                "org.atstexting.texting.core", "mvn:org.atstexting/texting-core/" + VERSION,
                "org.atstexting.zipwhip", "mvn:org.atstexting/texting-zipwhip/" + VERSION,
                "org.atstexting.twilio", "mvn:org.atstexting/texting-twilio/" + VERSION,
                "org.atstexting.textus", "mvn:org.atstexting/texting-textus/" + VERSION);
        int configs = 0;
        for (Element feature : byName.values()) {
            for (Element config : children(feature, "config")) {
                configs++;
                String pid = config.getAttribute("name");
                String bundle = pidToBundle.get(pid);
                assertNotNull("a configuration for an unknown PID: " + pid, bundle);
                assertTrue(pid + " sits in the feature that installs its bundle", bundleUrls(feature).contains(bundle));
                String metatype = metatypeOf(jarOf(bundle), pid);
                Properties props = new Properties();
                try (InputStream in = new ByteArrayInputStream(config.getTextContent().getBytes())) {
                    props.load(in);
                }
                for (String key : props.stringPropertyNames()) {
                    assertTrue(pid + " has no attribute " + key, metatype.contains("id=\"" + key + "\""));
                }
                if (props.containsKey("enabled")) {
                    assertEquals(pid + ": providers are off until an admin enables them", "false", props.getProperty("enabled"));
                }
            }
        }
        assertEquals(4, configs);
    }

    private static String metatypeOf(Path jar, String pid) {
        for (String entry : Bundles.entries(jar, "OSGI-INF/metatype/")) {
            String xml = new String(Bundles.entry(jar, entry));
            if (xml.contains("pid=\"" + pid + "\"")) {
                return xml;
            }
        }
        fail("no Metatype designate for " + pid + " in " + jar.getFileName());
        return null;
    }

    private static void collect(String feature, Set<String> bundles, Set<String> karafFeatures) {
        Element element = byName.get(feature);
        if (element == null) {
            karafFeatures.add(feature);
            return;
        }
        bundles.addAll(bundleUrls(element));
        for (String dep : featureDeps(feature)) {
            collect(dep, bundles, karafFeatures);
        }
    }

    /** {@code mvn:group/artifact/version} to the copied jar {@code artifact-version.jar}. */
    private static Path jarOf(String url) {
        String[] parts = url.substring("mvn:".length()).split("/");
        assertEquals("a plain mvn:group/artifact/version URL: " + url, 3, parts.length);
        return Bundles.file(parts[1] + "-" + parts[2] + ".jar");
    }

    private static List<String> featureDeps(String feature) {
        return children(byName.get(feature), "feature").stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static List<String> bundleUrls(Element feature) {
        return children(feature, "bundle").stream().map(e -> e.getTextContent().trim()).toList();
    }

    private static List<Element> allFeatureElements() {
        List<Element> all = new ArrayList<>();
        NodeList list = features.getElementsByTagNameNS(NS, "feature");
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            if (!e.hasAttribute("name")) {
                all.add(e);
            }
        }
        return all;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
