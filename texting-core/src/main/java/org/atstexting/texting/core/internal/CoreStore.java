package org.atstexting.texting.core.internal;

import java.io.File;
import java.util.logging.Logger;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The core's durable state (credentials, inbound cursors) in an H2 MVStore file in the
 * bundle's data area. Every write is committed before the call returns, so a crash
 * loses nothing that a caller was told is saved.
 */
@Component(service = CoreStore.class)
public final class CoreStore {

    private static final Logger LOG = Logger.getLogger(CoreStore.class.getName());

    private final MVStore store;

    @Activate
    public CoreStore(BundleContext context) {
        this(context.getDataFile("texting-core.mv"));
    }

    CoreStore(File file) {
        file.getAbsoluteFile().getParentFile().mkdirs();
        this.store = new MVStore.Builder().fileName(file.getAbsolutePath()).autoCommitDisabled().open();
        LOG.fine(() -> "Opened core store " + file);
    }

    /** Credential sets by {@link StoredCredential#id()}, as JSON. */
    MVMap<String, String> credentials() {
        return store.openMap("credentials");
    }

    /** Inbound cursors by provider and account username. */
    MVMap<String, String> cursors() {
        return store.openMap("cursors");
    }

    void commit() {
        store.commit();
    }

    @Deactivate
    void close() {
        store.close();
    }
}
