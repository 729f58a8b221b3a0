package org.atstexting.texting.jdbc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.atstexting.texting.jdbc.TextingDatabase;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.jdbc.DataSourceFactory;

/** The connector without a framework: a context that records registrations, services bound by hand. */
public class DatabaseConnectorTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** What the fake context registered and whether it is still registered. */
    static final class Registered {
        final Object service;
        final Dictionary<String, ?> properties;
        boolean unregistered;

        Registered(Object service, Dictionary<String, ?> properties) {
            this.service = service;
            this.properties = properties;
        }
    }

    private final List<Registered> registrations = new ArrayList<>();
    private final Map<String, String> properties = new HashMap<>();
    private long nextId = 1;

    @Test
    public void withoutConfigurationTheEmbeddedH2UnderTheDataDirectoryIsRegisteredOnceADriverIsThere()
            throws Exception {
        properties.put("atstexting.data.dir", tmp.getRoot().getAbsolutePath());
        DatabaseConnector connector = new DatabaseConnector(context(), config("", "", 10));
        assertTrue("nothing to connect with yet", registrations.isEmpty());

        ServiceReference<DataSourceFactory> h2 = reference(0);
        connector.bindDataSourceFactory(new OsgiDataSourceFactory(org.h2.Driver.load()), h2);
        TextingDatabase db = live();
        assertEquals("H2", db.product());
        try (Connection c = db.connection(); ResultSet r = c.createStatement().executeQuery(
                "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'MODE'")) {
            assertTrue(r.next());
            assertEquals("PostgreSQL", r.getString(1));
        }
        assertTrue(Files.exists(tmp.getRoot().toPath().resolve("db").resolve("ats-texting.mv.db")));

        connector.unbindDataSourceFactory(null, h2);
        assertTrue("the service went with its driver", registrations.get(0).unregistered);
        connector.deactivate();
    }

    @Test
    public void theSystemPropertiesAreTheDefaults() throws Exception {
        String url = "jdbc:h2:file:" + tmp.getRoot().toPath().resolve("by-property") + DatabaseLocation.H2_OPTIONS;
        properties.put("atstexting.jdbc.url", url);
        properties.put("atstexting.jdbc.user", "sa");
        properties.put("atstexting.jdbc.password", "pw");
        DatabaseConnector connector = new DatabaseConnector(context(), config("", "", 10));
        connector.bindDataSourceFactory(new OsgiDataSourceFactory(org.h2.Driver.load()), reference(0));
        try (Connection c = live().connection()) {
            assertEquals(url.substring(0, url.indexOf(";")), c.getMetaData().getURL());
            assertEquals("SA", c.getMetaData().getUserName().toUpperCase());
        }
        connector.deactivate();
        assertTrue(registrations.get(0).unregistered);
    }

    @Test
    public void aHostDataSourceChosenByFilterIsUsedInsteadOfThePool() throws Exception {
        DatabaseConnector connector = new DatabaseConnector(context(), config("", "(name=ats)", 10));
        connector.bindDataSourceFactory(new OsgiDataSourceFactory(org.h2.Driver.load()), reference(0));
        assertTrue("the host's data source is not there yet: no pool of our own", registrations.isEmpty());

        JdbcDataSource other = new JdbcDataSource();
        other.setURL("jdbc:h2:mem:other");
        connector.bindHostDataSource(other, reference(0, "name", "other"));
        assertTrue(registrations.isEmpty());

        JdbcDataSource host = new JdbcDataSource();
        host.setURL("jdbc:h2:mem:host;DB_CLOSE_DELAY=-1");
        ServiceReference<DataSource> hostRef = reference(0, "name", "ats");
        connector.bindHostDataSource(host, hostRef);
        try (Connection c = live().connection()) {
            assertEquals("jdbc:h2:mem:host", c.getMetaData().getURL());
        }
        connector.unbindHostDataSource(host, hostRef);
        assertTrue(registrations.get(0).unregistered);
        connector.deactivate();
    }

    @Test
    public void aDatabaseThatDoesNotAnswerIsNotRegistered() throws Exception {
        DatabaseConnector connector = new DatabaseConnector(context(),
                config("jdbc:h2:file:" + tmp.getRoot().toPath().resolve("x") + ";IFEXISTS=TRUE", "", 1));
        connector.bindDataSourceFactory(new OsgiDataSourceFactory(org.h2.Driver.load()), reference(0));
        assertTrue(registrations.isEmpty());
        connector.deactivate();
    }

    @Test
    public void aUrlNoDriverAcceptsWaits() {
        DatabaseConnector connector = new DatabaseConnector(context(), config("jdbc:postgresql://127.0.0.1:1/x", "", 1));
        connector.bindDataSourceFactory(new OsgiDataSourceFactory(org.h2.Driver.load()), reference(0));
        assertTrue(registrations.isEmpty());
        connector.deactivate();
    }

    @Test
    public void passwordsAreNotShownInDescriptions() {
        DatabaseSource.Settings settings = new DatabaseSource.Settings(
                "jdbc:postgresql://db/ats?user=a&password=secret&ssl=true", "a", "pw", 5);
        assertFalse(settings.safeUrl().contains("secret"));
        assertFalse(settings.toString().contains("pw"));
        assertTrue(settings.safeUrl().contains("ssl=true"));
    }

    private TextingDatabase live() {
        List<Registered> live = registrations.stream().filter(r -> !r.unregistered).toList();
        assertEquals(1, live.size());
        return (TextingDatabase) live.get(0).service;
    }

    @SuppressWarnings("unchecked")
    private <S> ServiceReference<S> reference(int ranking, String... keyValues) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, nextId++);
        props.put(Constants.SERVICE_RANKING, ranking);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return (ServiceReference<S>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ServiceReference.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> props.get(args[0]);
                    case "getPropertyKeys" -> props.keySet().toArray(new String[0]);
                    case "getProperties" -> new java.util.Hashtable<>(props);
                    case "compareTo" -> Long.compare((Long) props.get(Constants.SERVICE_ID),
                            (Long) ((ServiceReference<?>) args[0]).getProperty(Constants.SERVICE_ID)) * -1;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "ref" + props;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { BundleContext.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> properties.containsKey(args[0]) ? properties.get(args[0])
                            : System.getProperty((String) args[0]);
                    case "getDataFile" -> new File(tmp.getRoot(), "bundle-data/" + args[0]);
                    case "registerService" -> register(args[1], (Dictionary<String, ?>) args[2]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private ServiceRegistration<?> register(Object service, Dictionary<String, ?> props) {
        Registered registered = new Registered(service, props);
        registrations.add(registered);
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ServiceRegistration.class }, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        registered.unregistered = true;
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static DatabaseConfiguration config(String url, String target, int poolSize) {
        return new DatabaseConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DatabaseConfiguration.class;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String user() {
                return "";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public int poolSize() {
                return poolSize;
            }

            @Override
            public String dataSource_target() {
                return target;
            }
        };
    }

}
