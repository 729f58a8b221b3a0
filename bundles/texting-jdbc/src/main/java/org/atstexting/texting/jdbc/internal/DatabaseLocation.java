package org.atstexting.texting.jdbc.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The embedded default: an H2 file database where the core has always kept its data (the same
 * order as the core's {@code DataLocations}), in H2's PostgreSQL mode so that every bundle's SQL
 * runs unchanged on PostgreSQL.
 */
final class DatabaseLocation {

    static final String DATA_DIR_PROPERTY = "atstexting.data.dir";
    static final String URL_PROPERTY = "atstexting.jdbc.url";
    static final String USER_PROPERTY = "atstexting.jdbc.user";
    static final String PASSWORD_PROPERTY = "atstexting.jdbc.password";
    /**
     * Lower-case names (as PostgreSQL folds them), PostgreSQL's SQL dialect, and every commit
     * written to the file before it returns (H2 otherwise keeps commits in memory for up to half a
     * second, which a killed JVM loses although its callers were told they were saved).
     */
    static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";

    private DatabaseLocation() {
    }

    /** The embedded H2 URL for a file base name (without {@code .mv.db}). */
    static String h2Url(Path base) {
        return "jdbc:h2:file:" + base.toAbsolutePath() + H2_OPTIONS;
    }

    /**
     * @param property framework then system property lookup
     * @param dataArea the bundle's own data area, the last resort
     */
    static Path embeddedBase(UnaryOperator<String> property, UnaryOperator<File> dataArea) {
        String configured = property.apply(DATA_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim(), "db", "ats-texting");
        }
        String karafData = property.apply("karaf.data");
        if (karafData != null && !karafData.isBlank()) {
            return Path.of(karafData.trim(), "ats-texting", "db", "ats-texting");
        }
        return dataArea.apply(new File("db")).toPath().resolve("ats-texting");
    }

    /** The configured value, else the property, else {@code fallback}. */
    static String setting(String configured, UnaryOperator<String> property, String name, String fallback) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String value = property.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
