package org.atstexting.texting.core.internal.providers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.host.HostSecurityGroups;
import org.atstexting.texting.host.HostUsers;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Says what ats-texting is waiting for. The texting components need the host's services
 * (the host contract), which only the host registers; until then they stay unsatisfied and
 * nothing says why. This component needs nothing, so it is always active: it tracks the
 * host contract services, logs one line whenever the set of missing ones changes, and answers
 * the {@code texting:status} command (a String, so {@code echo (texting:status)} works too).
 */
@Component(service = HostServicesStatus.class, immediate = true, property = {
        "osgi.command.scope=texting", "osgi.command.function=status" })
public final class HostServicesStatus {

    private static final Logger LOG = Logger.getLogger(HostServicesStatus.class.getName());

    /** The host contract services the core's and permissions' components cannot start without. */
    static final List<String> REQUIRED = List.of(HostUsers.class.getName(), HostRecords.class.getName(),
            HostSecurityGroups.class.getName());

    private final Map<String, ServiceTracker<?, ?>> trackers = new LinkedHashMap<>();
    private final BundleContext context;
    private List<String> lastMissing;

    @Activate
    public HostServicesStatus(BundleContext context) {
        this.context = context;
        for (String name : REQUIRED) {
            trackers.put(name, tracker(context, name));
        }
        trackers.values().forEach(ServiceTracker::open);
        report();
    }

    private ServiceTracker<?, ?> tracker(BundleContext context, String name) {
        try {
            // by name, so a host contract exported by another version of the API is still seen
            return new ServiceTracker<Object, Object>(context, context.createFilter("(objectClass=" + name + ")"), null) {
                @Override
                public Object addingService(org.osgi.framework.ServiceReference<Object> reference) {
                    report();
                    return reference;
                }

                @Override
                public void removedService(org.osgi.framework.ServiceReference<Object> reference, Object service) {
                    report();
                }
            };
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The host contract services not registered now, by simple name. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        trackers.forEach((name, tracker) -> {
            if (tracker.getServiceReferences() == null) {
                missing.add(name.substring(name.lastIndexOf('.') + 1));
            }
        });
        return missing;
    }

    private synchronized void report() {
        List<String> missing = missing();
        if (missing.equals(lastMissing)) {
            return;
        }
        lastMissing = missing;
        LOG.info(missing.isEmpty() ? "ats-texting: the host's services are all there"
                : "ats-texting: waiting for the host's services " + missing + " (package "
                        + HostUsers.class.getPackageName() + "); texting starts once the host registers them");
    }

    /** {@code texting:status}: which host services ats-texting is waiting for, if any. */
    public String status() {
        List<String> missing = missing();
        String head = "ats-texting " + context.getBundle().getVersion() + ": ";
        String texting = context.getServiceReference(TextingService.class.getName()) == null
                ? "texting service not active" : "texting service active";
        return missing.isEmpty() ? head + "host services present; " + texting
                : head + "waiting for host services " + String.join(", ", missing) + "; " + texting;
    }

    @Deactivate
    void close() {
        trackers.values().forEach(ServiceTracker::close);
    }
}
