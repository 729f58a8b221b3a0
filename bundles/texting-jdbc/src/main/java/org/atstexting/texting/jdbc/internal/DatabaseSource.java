package org.atstexting.texting.jdbc.internal;

import java.io.File;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Where connections come from: a host's {@code DataSource}, or our pool over a driver's {@code DataSourceFactory}. */
final class DatabaseSource {

    static final int MAX_POOL = 200;
    private static final Pattern SECRET_IN_URL = Pattern.compile("(?i)(password|passwd|pwd)=[^&;]*");

    private DatabaseSource() {
    }

    /** The URL and login in force (configuration, else properties, else the embedded default). */
    record Settings(String url, String user, String password, int poolSize) {

        /** The URL without any password in it, for logs. */
        String safeUrl() {
            return SECRET_IN_URL.matcher(url).replaceAll("$1=***");
        }

        @Override
        public String toString() {
            return "Settings[" + safeUrl() + ", user=" + user + ", poolSize=" + poolSize + "]"; // never the password
        }
    }

    static Settings settings(DatabaseConfiguration c, UnaryOperator<String> property, UnaryOperator<File> dataArea) {
        String url = DatabaseLocation.setting(c.url(), property, DatabaseLocation.URL_PROPERTY, null);
        if (url == null) {
            Path base = DatabaseLocation.embeddedBase(property, dataArea);
            base.toAbsolutePath().getParent().toFile().mkdirs();
            url = DatabaseLocation.h2Url(base);
        }
        String user = DatabaseLocation.setting(c.user(), property, DatabaseLocation.USER_PROPERTY, "");
        String password = c.password() != null && !c.password().isEmpty() ? c.password()
                : Objects.requireNonNullElse(property.apply(DatabaseLocation.PASSWORD_PROPERTY), "");
        int poolSize = Math.max(1, Math.min(MAX_POOL, c.poolSize()));
        return new Settings(url, user, password, poolSize);
    }

    static boolean accepts(DataSourceFactory factory, String url) {
        try {
            Driver driver = factory.createDriver(null);
            return driver != null && driver.acceptsURL(url);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** What a connection source was made from; equal choices need no reconnect. */
    interface Choice {
        Opened open() throws SQLException;

        String describe();
    }

    /** A data source and the pool to close when done with it (null for the host's). */
    record Opened(DataSource dataSource, AutoCloseable pool) {
    }

    static Choice host(Object serviceId, DataSource dataSource, String filter) {
        return new HostChoice(serviceId, dataSource, filter);
    }

    static Choice pooled(Object factoryServiceId, DataSourceFactory factory, Settings settings) {
        return new PooledChoice(factoryServiceId, factory, settings);
    }

    /** The host pools its connections itself. */
    private record HostChoice(Object serviceId, DataSource dataSource, String filter) implements Choice {
        @Override
        public Opened open() {
            return new Opened(dataSource, null);
        }

        @Override
        public String describe() {
            return "the host's DataSource " + filter + " (service " + serviceId + ")";
        }
    }

    private record PooledChoice(Object factoryServiceId, DataSourceFactory factory, Settings settings)
            implements Choice {
        @Override
        public Opened open() throws SQLException {
            Properties properties = new Properties();
            properties.setProperty(DataSourceFactory.JDBC_URL, settings.url());
            if (!settings.user().isEmpty()) {
                properties.setProperty(DataSourceFactory.JDBC_USER, settings.user());
            }
            if (!settings.password().isEmpty()) {
                properties.setProperty(DataSourceFactory.JDBC_PASSWORD, settings.password());
            }
            HikariDataSource pool = pool(factory.createDataSource(properties), settings.poolSize());
            return new Opened(pool, pool);
        }

        @Override
        public String describe() {
            return settings.safeUrl() + (settings.user().isEmpty() ? "" : " as " + settings.user());
        }

        @Override
        public String toString() {
            return "PooledChoice[" + factoryServiceId + ", " + settings + "]";
        }
    }

    /**
     * HikariCP over the driver's own (unpooled) data source: no class loading by name, which
     * OSGi would not allow. A database that is down at start does not fail the pool; the first
     * connection does, and the connector tries again.
     */
    static HikariDataSource pool(DataSource unpooled, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(unpooled);
        config.setPoolName("ats-texting");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        // every connection read committed, set once when it is opened and reset if changed:
        // SqlTextingDatabase's transactions then need not ask for it
        config.setTransactionIsolation(SqlTextingDatabase.READ_COMMITTED);
        return new HikariDataSource(config);
    }
}
