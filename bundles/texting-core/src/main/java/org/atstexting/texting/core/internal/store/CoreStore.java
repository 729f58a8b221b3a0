package org.atstexting.texting.core.internal.store;

import java.sql.SQLException;
import java.util.logging.Logger;

import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The core's durable state: credentials, opt-outs, templates, poll cursors and leases are
 * tables ({@code core_*}) in the database every node shares ({@link #database()}), created by
 * {@link CoreSchema} when this component starts ({@code core_sent_text} and
 * {@code core_provider_fact} of schema version 1 are no longer used: what a provider can look
 * up is declared, not learned from its polls); bulk jobs
 * have their own tables ({@code bulk_*}, the bulk service's). Every write is committed before
 * the call returns, so a crash loses nothing that a caller was told is saved. What a send checks
 * is also kept in this node's memory, current with every node's changes ({@link #changes()}).
 */
@Component(service = CoreStore.class, configurationPid = CoreConfiguration.PID)
public final class CoreStore {

    private static final Logger LOG = Logger.getLogger(CoreStore.class.getName());
    private static final int DEFAULT_SEND_CHECK_MEMORY_MILLIS = defaultSendCheckMemory();

    private final TextingDatabase database;
    private final ChangeFeed changes;

    @Activate
    public CoreStore(@Reference TextingDatabase database, CoreConfiguration config) throws SQLException {
        this(database, config.sendCheckMemoryMillis());
    }

    /** With the configuration's default memory of send checks. */
    public CoreStore(TextingDatabase database) throws SQLException {
        this(database, DEFAULT_SEND_CHECK_MEMORY_MILLIS);
    }

    public CoreStore(TextingDatabase database, long sendCheckMemoryMillis) throws SQLException {
        CoreSchema.migrate(database);
        this.database = database;
        this.changes = new ChangeFeed(database, sendCheckMemoryMillis);
        LOG.info(() -> "ats-texting core store: " + database);
    }

    /** A console edit of the memory's duration applies to the next send. */
    @Modified
    void modified(CoreConfiguration config) {
        changes.freshFor(config.sendCheckMemoryMillis());
    }

    /** The shared database with the core's tables. */
    public TextingDatabase database() {
        return database;
    }

    /** This node's memory of opt-outs and credential changes, and the confirmation writers wait for. */
    public ChangeFeed changes() {
        return changes;
    }

    private static int defaultSendCheckMemory() {
        try {
            return (Integer) CoreConfiguration.class.getMethod("sendCheckMemoryMillis").getDefaultValue();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
