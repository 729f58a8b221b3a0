package org.atstexting.itest;

import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.spi.TextingProvider;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What every itest shares: the runtime (the resolved demo bundles in Felix on a free
 * loopback port), service lookup with waiting, and configuration that is known to have
 * taken effect.
 */
public abstract class TextingTestSupport {

    // generous: a 2-core CI machine under load reconfigures and restarts components slowly
    protected static final long TIMEOUT_MS = 30_000;

    @Configuration
    public Option[] configuration() {
        return options(
                frameworkProperty("org.osgi.service.http.port").value(Integer.toString(freePort())),
                frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                junitBundles(),
                composite(RuntimeBundles.provision()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the HTTP service", e);
        }
    }

    protected BundleContext context() {
        return FrameworkUtil.getBundle(getClass()).getBundleContext();
    }

    protected String sandboxBaseUrl() {
        return "http://127.0.0.1:" + context().getProperty("org.osgi.service.http.port") + "/zipwhip-sandbox/";
    }

    /** The service, waiting for it to be registered. */
    protected <T> T service(Class<T> type) {
        return service(type, null);
    }

    protected <T> T service(Class<T> type, String filter) {
        try {
            String full = "(&(" + Constants.OBJECTCLASS + "=" + type.getName() + ")" + (filter == null ? "" : filter) + ")";
            ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), context().createFilter(full), null);
            tracker.open();
            T service = tracker.waitForService(TIMEOUT_MS);
            if (service == null) {
                fail("No " + type.getSimpleName() + " service " + (filter == null ? "" : filter) + " within "
                        + TIMEOUT_MS + " ms" + diagnostics());
            }
            return service;
        } catch (Exception e) {
            throw new AssertionError("Looking up " + type.getName() + " failed", e);
        }
    }

    protected long serviceId(Class<?> type) {
        ServiceReference<?> ref = context().getServiceReference(type);
        return ref == null ? -1 : (Long) ref.getProperty(Constants.SERVICE_ID);
    }

    /**
     * Updates a configuration and waits until the service whose component it configures has
     * been registered anew (SCR re-activates a component without a modified method).
     */
    protected <T> T configure(String pid, Dictionary<String, Object> properties, Class<T> reactivated) throws Exception {
        service(reactivated);
        long before = serviceId(reactivated);
        service(ConfigurationAdmin.class).getConfiguration(pid, "?").update(properties);
        await("the " + reactivated.getSimpleName() + " to pick up configuration " + pid,
                () -> serviceId(reactivated) != before && serviceId(reactivated) != -1);
        return service(reactivated);
    }

    /**
     * Sets the core's settings (PID {@code org.atstexting.texting.core}): every core component
     * applies them live, so nothing is re-registered; waits until they are in effect.
     */
    protected void coreSettings(Dictionary<String, Object> properties) throws Exception {
        configureLive("org.atstexting.texting.core", properties, OptOutService.class);
    }

    /** Sets the bulk worker's settings (PID {@code org.atstexting.texting.core.bulk}), applied live. */
    protected void bulkSettings(Dictionary<String, Object> properties) throws Exception {
        configureLive("org.atstexting.texting.core.bulk", properties, BulkTextingService.class);
    }

    /** Updates a configuration its components apply live and waits until {@code shownBy}'s service carries every value. */
    protected void configureLive(String pid, Dictionary<String, Object> properties, Class<?> shownBy) throws Exception {
        service(shownBy);
        service(ConfigurationAdmin.class).getConfiguration(pid, "?").update(properties);
        await("the " + shownBy.getSimpleName() + " to show configuration " + pid, () -> {
            ServiceReference<?> ref = context().getServiceReference(shownBy);
            if (ref == null) {
                return false;
            }
            for (java.util.Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                if (!properties.get(key).equals(ref.getProperty(key))) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Updates the configuration of a component that takes changes in place (a modified
     * method) and waits until its service carries the new value of {@code key}.
     */
    protected void configureInPlace(String pid, Dictionary<String, Object> properties, Class<?> type, String key)
            throws Exception {
        service(type);
        service(ConfigurationAdmin.class).getConfiguration(pid, "?").update(properties);
        Object expected = properties.get(key);
        // several services of the type may be registered (both providers): any one showing the value will do
        await("the " + type.getSimpleName() + " to show " + key + "=" + expected, () -> {
            try {
                ServiceReference<?>[] refs = context().getServiceReferences(type.getName(), null);
                return refs != null && java.util.Arrays.stream(refs).anyMatch(ref -> expected.equals(ref.getProperty(key)));
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * Points the Zipwhip provider at the in-framework sandbox (polling only, no webhook) with
     * the core polling every {@code pollSeconds} (0: never), both in effect on return.
     */
    protected ZipwhipSandbox useTheSandbox(int pollSeconds) throws Exception {
        coreSettings(props("pollIntervalSeconds", pollSeconds));
        configureInPlace("org.atstexting.zipwhip", props("enabled", true, "apiBaseUrl", sandboxBaseUrl()),
                TextingProvider.class, "apiBaseUrl");
        return service(ZipwhipSandbox.class);
    }

    /**
     * What a timed-out wait needs to be understood: our components that are not active (and
     * the references they lack), and where our threads and SCR's and Config Admin's stand.
     */
    protected static String diagnostics() {
        StringBuilder out = new StringBuilder("\n-- components not active:");
        BundleContext context = FrameworkUtil.getBundle(TextingTestSupport.class).getBundleContext();
        ServiceReference<ServiceComponentRuntime> ref = context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = ref == null ? null : context.getService(ref);
        if (scr != null) {
            for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
                if (!description.bundle.symbolicName.startsWith("org.atstexting")) {
                    continue;
                }
                for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(description)) {
                    if (c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED) {
                        out.append("\n  ").append(description.name).append(" state ").append(c.state);
                        for (UnsatisfiedReferenceDTO u : c.unsatisfiedReferences) {
                            out.append(" lacks ").append(u.name).append(' ').append(u.target);
                        }
                        if (c.failure != null) {
                            out.append(" failed: ").append(c.failure);
                        }
                    }
                }
            }
        }
        out.append("\n-- threads:");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (name.contains("ats-texting") || name.contains("SCR") || name.contains("CM ")
                    || name.contains("Configuration") || name.contains("Component")) {
                out.append("\n  ").append(name).append(' ').append(thread.getState());
                for (int i = 0; i < Math.min(stack.length, 25); i++) {
                    out.append("\n      at ").append(stack[i]);
                }
            }
        });
        return out.toString();
    }

    protected static Dictionary<String, Object> props(Object... keysAndValues) {
        Hashtable<String, Object> props = new Hashtable<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            props.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return props;
    }

    protected static void await(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("Timed out waiting for " + what + diagnostics());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
