package org.atstexting.texting.core.internal.store;

import java.sql.SQLException;
import java.util.logging.Logger;

import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The core's durable state: credentials, opt-outs, templates, poll cursors and leases are
 * tables ({@code core_*}) in the database every node shares ({@link #database()}), created by
 * {@link CoreSchema} when this component starts ({@code core_sent_text} and
 * {@code core_provider_fact} of schema version 1 are no longer used: what a provider can look
 * up is declared, not learned from its polls); bulk jobs
 * have their own tables ({@code bulk_*}, the bulk service's). Every write is committed before
 * the call returns, so a crash loses nothing that a caller was told is saved.
 */
@Component(service = CoreStore.class)
public final class CoreStore {

    private static final Logger LOG = Logger.getLogger(CoreStore.class.getName());

    private final TextingDatabase database;

    @Activate
    public CoreStore(@Reference TextingDatabase database) throws SQLException {
        CoreSchema.migrate(database);
        this.database = database;
        LOG.info(() -> "ats-texting core store: " + database);
    }

    /** The shared database with the core's tables. */
    public TextingDatabase database() {
        return database;
    }
}
