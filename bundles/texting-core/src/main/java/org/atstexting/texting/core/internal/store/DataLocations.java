package org.atstexting.texting.core.internal.store;

import java.io.File;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the core keeps its store and looks for the credential key when nothing is configured.
 * Bundle data areas are deleted when a bundle is uninstalled (Karaf does that on
 * {@code feature:uninstall}), which would take every credential and opt-out with it, so in
 * Karaf the store lives beside them in {@code ${karaf.data}/ats-texting}. The framework (or
 * system) property {@value #DATA_DIR_PROPERTY} moves it anywhere; plain hosts without it keep
 * the bundle data area, as before.
 */
public final class DataLocations {

    /** Framework or system property: the directory holding the core's and the archive's stores. */
    static final String DATA_DIR_PROPERTY = "atstexting.data.dir";
    /** Framework or system property: the credential key file when {@code keyFile} is not configured. */
    static final String KEY_FILE_PROPERTY = "atstexting.credentials.keyFile";
    static final String STORE_FILE = "texting-core.mv";

    private DataLocations() {
    }

    /**
     * @param property the framework's property lookup ({@code BundleContext::getProperty})
     * @param dataArea the bundle's own data area file for {@code name}, the last resort
     */
    static File coreStore(UnaryOperator<String> property, UnaryOperator<File> dataArea) {
        Path dir = dataDirectory(property);
        return dir == null ? dataArea.apply(new File(STORE_FILE)) : dir.resolve("core").resolve(STORE_FILE).toFile();
    }

    /** The configured data directory, else {@code ${karaf.data}/ats-texting} in Karaf, else null (bundle data area). */
    static Path dataDirectory(UnaryOperator<String> property) {
        String configured = property.apply(DATA_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String karafData = property.apply("karaf.data");
        return karafData == null || karafData.isBlank() ? null : Path.of(karafData.trim(), "ats-texting");
    }

    /**
     * The key file: the {@code keyFile} setting, else {@value #KEY_FILE_PROPERTY}, else in Karaf
     * {@code ${karaf.etc}/ats-texting/credentials.key} (apart from the data, which backups and
     * {@code karaf clean} treat differently), else {@code <user.home>/.ats-texting/credentials.key}.
     * Java's {@code user.home} comes from the OS user, not {@code $HOME}: every framework run by
     * that user shares it unless one of the settings above is made.
     */
    public static Path keyFile(String configured, UnaryOperator<String> property) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String fromProperty = property.apply(KEY_FILE_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty.trim());
        }
        String karafEtc = property.apply("karaf.etc");
        if (karafEtc != null && !karafEtc.isBlank()) {
            return Path.of(karafEtc.trim(), "ats-texting", "credentials.key");
        }
        return Path.of(System.getProperty("user.home"), ".ats-texting", "credentials.key");
    }
}
