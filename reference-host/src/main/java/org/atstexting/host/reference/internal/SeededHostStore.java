package org.atstexting.host.reference.internal;

import java.nio.file.Path;
import java.util.logging.Logger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The reference host's store as a component: opens it where the configuration says and, when
 * asked to, fills an empty one with the demo data before any host service can read it.
 */
@Component(service = HostStore.class, configurationPid = HostConfig.PID)
@Designate(ocd = HostConfig.class)
public final class SeededHostStore extends HostStore {

    private static final Logger LOG = Logger.getLogger(SeededHostStore.class.getName());

    @Activate
    public SeededHostStore(HostConfig config) {
        this(Path.of(config.dataDirectory()), config.seedDemoData());
    }

    /** @param seedDemoData whether to fill an empty store with the demo data */
    public SeededHostStore(Path dataDirectory, boolean seedDemoData) {
        super(dataDirectory);
        if (seedDemoData && DemoData.seedIfEmpty(this)) {
            LOG.info("Reference host store was empty: seeded the demo data");
        }
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
