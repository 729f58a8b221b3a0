package org.atstexting.texting.jdbc.internal;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers the {@link TextingDatabase} service while a database is reachable: the host's
 * {@code DataSource} when one is chosen by filter, else our pool over the installed driver that
 * accepts the URL. Drivers and host data sources come and go (dynamic references); each change
 * re-decides, and the service is unregistered before its pool closes, so the components that
 * use it stop first and start again on the new one. An unreachable database is retried every
 * {@value #RETRY_SECONDS} seconds instead of failing the components that wait for it.
 */
@Component(immediate = true, configurationPid = DatabaseConfiguration.PID)
@Designate(ocd = DatabaseConfiguration.class)
public final class DatabaseConnector {

    private static final Logger LOG = Logger.getLogger(DatabaseConnector.class.getName());
    static final int RETRY_SECONDS = 10;

    private final BundleContext context;
    private final Object lock = new Object();
    /** Ordered by ranking, then age, as the framework would choose. */
    private final Map<ServiceReference<DataSourceFactory>, DataSourceFactory> factories =
            new ConcurrentSkipListMap<>(Comparator.reverseOrder());
    private final Map<ServiceReference<DataSource>, DataSource> hostSources =
            new ConcurrentSkipListMap<>(Comparator.reverseOrder());
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ats-texting database connector");
        t.setDaemon(true);
        return t;
    });
    private volatile DatabaseConfiguration config;
    /** Guarded by {@code lock}. */
    private Connected current;
    /** Guarded by {@code lock}. */
    private String lastWaitingFor;
    /** Guarded by {@code lock}. */
    private ScheduledFuture<?> retry;
    private volatile boolean active;

    /** The registered service and what it was made from. */
    private record Connected(DatabaseSource.Choice choice, ServiceRegistration<TextingDatabase> registration,
            AutoCloseable pool) {
    }

    @Activate
    public DatabaseConnector(BundleContext context, DatabaseConfiguration config) {
        this.context = context;
        this.config = config;
        this.active = true;
        reconcile();
    }

    @Modified
    void modified(DatabaseConfiguration config) {
        this.config = config;
        reconcile();
    }

    @Deactivate
    void deactivate() {
        active = false;
        retries.shutdownNow();
        synchronized (lock) {
            disconnect();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindDataSourceFactory(DataSourceFactory factory, ServiceReference<DataSourceFactory> ref) {
        factories.put(ref, factory);
        reconcile();
    }

    void unbindDataSourceFactory(DataSourceFactory factory, ServiceReference<DataSourceFactory> ref) {
        factories.remove(ref);
        reconcile();
    }

    /** Named apart from the {@code dataSource.target} setting, which this class applies itself (empty = none). */
    @Reference(name = "hostDataSource", cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindHostDataSource(DataSource dataSource, ServiceReference<DataSource> ref) {
        hostSources.put(ref, dataSource);
        reconcile();
    }

    void unbindHostDataSource(DataSource dataSource, ServiceReference<DataSource> ref) {
        hostSources.remove(ref);
        reconcile();
    }

    /** Decides which database to use now and (re)registers the service if that changed. */
    private void reconcile() {
        if (!active) {
            return;
        }
        synchronized (lock) {
            DatabaseSource.Choice wanted;
            try {
                wanted = choose();
            } catch (InvalidSyntaxException e) {
                disconnect();
                waitingFor("a valid Host DataSource filter in " + DatabaseConfiguration.PID + " (" + e.getMessage() + ")");
                return;
            }
            if (current != null && wanted != null && current.choice().equals(wanted)) {
                return;
            }
            disconnect();
            if (wanted == null) {
                return; // choose() said what it waits for
            }
            connect(wanted);
        }
    }

    /** Guarded by {@code lock}. */
    private DatabaseSource.Choice choose() throws InvalidSyntaxException {
        DatabaseConfiguration c = config;
        String target = c.dataSource_target() == null ? "" : c.dataSource_target().trim();
        if (!target.isEmpty()) {
            Filter filter = FrameworkUtil.createFilter(target);
            for (Map.Entry<ServiceReference<DataSource>, DataSource> e : hostSources.entrySet()) {
                if (filter.match(e.getKey())) {
                    return DatabaseSource.host(e.getKey().getProperty(Constants.SERVICE_ID), e.getValue(), target);
                }
            }
            waitingFor("a javax.sql.DataSource service matching " + target);
            return null;
        }
        DatabaseSource.Settings settings = DatabaseSource.settings(c, context::getProperty,
                f -> context.getDataFile(f.getName()));
        Optional<Map.Entry<ServiceReference<DataSourceFactory>, DataSourceFactory>> driver = factories.entrySet()
                .stream().filter(e -> DatabaseSource.accepts(e.getValue(), settings.url())).findFirst();
        if (driver.isEmpty()) {
            waitingFor("a JDBC driver (a DataSourceFactory service) that accepts " + settings.safeUrl());
            return null;
        }
        return DatabaseSource.pooled(driver.get().getKey().getProperty(Constants.SERVICE_ID), driver.get().getValue(),
                settings);
    }

    /** Guarded by {@code lock}. */
    private void connect(DatabaseSource.Choice choice) {
        AutoCloseable pool = null;
        try {
            DatabaseSource.Opened opened = choice.open();
            pool = opened.pool();
            SqlTextingDatabase database = new SqlTextingDatabase(opened.dataSource());
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(TextingDatabase.PRODUCT_PROPERTY, database.product());
            properties.put(Constants.SERVICE_DESCRIPTION, "ats-texting database: " + choice.describe());
            ServiceRegistration<TextingDatabase> registration = context.registerService(TextingDatabase.class,
                    database, properties);
            current = new Connected(choice, registration, pool);
            lastWaitingFor = null;
            LOG.info(() -> "ats-texting database: using " + choice.describe() + " (" + database.product() + ")");
        } catch (SQLException | RuntimeException e) {
            closeQuietly(pool);
            waitingFor(choice.describe() + " to answer (" + e.getMessage() + "); trying again every "
                    + RETRY_SECONDS + " s");
            scheduleRetry();
        }
    }

    /** Guarded by {@code lock}. */
    private void scheduleRetry() {
        if (retry == null || retry.isDone()) {
            try {
                retry = retries.schedule(this::reconcile, RETRY_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // deactivated meanwhile
            }
        }
    }

    /** Guarded by {@code lock}. Unregisters first: the users stop before their connections go. */
    private void disconnect() {
        if (current != null) {
            try {
                current.registration().unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
            closeQuietly(current.pool());
            String was = current.choice().describe();
            current = null;
            LOG.info(() -> "ats-texting database: stopped using " + was);
        }
    }

    /** Guarded by {@code lock}. Says once what the service waits for. */
    private void waitingFor(String what) {
        if (!what.equals(lastWaitingFor)) {
            lastWaitingFor = what;
            LOG.warning(() -> "ats-texting database: waiting for " + what);
        }
    }

    private static void closeQuietly(AutoCloseable pool) {
        if (pool != null) {
            try {
                pool.close();
            } catch (Exception e) {
                LOG.warning(() -> "ats-texting database: closing the pool failed: " + e);
            }
        }
    }
}
