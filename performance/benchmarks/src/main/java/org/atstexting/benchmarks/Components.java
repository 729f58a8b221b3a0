package org.atstexting.benchmarks;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;

/**
 * Builds the real components outside OSGi, as SCR would: through their public
 * {@code @Activate} constructors, with configuration annotations as proxies that answer
 * their defaults, and dynamic references bound by their bind methods. Reflection keeps this
 * module independent of the bundles' package-private types, so a change inside a bundle
 * never breaks the build; the benchmark says at run time if a constructor changed.
 */
final class Components {

    private Components() {
    }

    /** An instance of {@code className} from the public constructor whose parameters fit {@code args}. */
    static Object create(String className, Object... args) throws Exception {
        Class<?> type = Class.forName(className);
        for (Constructor<?> c : type.getConstructors()) {
            if (fits(c.getParameterTypes(), args)) {
                return c.newInstance(args);
            }
        }
        throw new IllegalStateException("No public constructor of " + className + " takes " + List.of(args));
    }

    private static boolean fits(Class<?>[] types, Object[] args) {
        if (types.length != args.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i].isPrimitive() ? java.lang.invoke.MethodType.methodType(types[i]).wrap()
                    .returnType() : types[i];
            if (args[i] != null && !type.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The core's sub-packages that name its parts, and the flat package they came from: a class
     * is found wherever the core keeps it this week.
     */
    private static final List<String> CORE_PACKAGES = List.of("", ".sending", ".credentials", ".optout",
            ".templates", ".inbound", ".archiving", ".providers", ".shell", ".store", ".bulk", ".schedule", ".inbox");

    /** The full name of the core's internal class {@code simpleName}. */
    static String core(String simpleName) {
        for (String sub : CORE_PACKAGES) {
            String name = "org.atstexting.texting.core.internal" + sub + "." + simpleName;
            try {
                Class.forName(name);
                return name;
            } catch (ClassNotFoundException notHere) {
                // the next package
            }
        }
        throw new IllegalStateException("The core has no class " + simpleName + " in " + CORE_PACKAGES);
    }

    /** Calls a (possibly package-private) method by name and arity. */
    static Object call(Object target, String name, Object... args) throws Exception {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && fits(m.getParameterTypes(), args)) {
                    m.setAccessible(true);
                    return m.invoke(target, args);
                }
            }
        }
        throw new IllegalStateException("No method " + name + " on " + target.getClass().getName());
    }

    /** A configuration annotation (possibly package-private) answering its defaults, except {@code values}. */
    static Object config(String annotationName, Map<String, Object> values) throws Exception {
        Class<?> type = Class.forName(annotationName);
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, m, a) -> {
            if (m.getName().equals("annotationType")) {
                return type;
            }
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("hashCode") ? System.identityHashCode(proxy)
                        : m.getName().equals("equals") ? proxy == a[0] : type.getSimpleName() + values;
            }
            return values.getOrDefault(m.getName(), m.getDefaultValue());
        });
    }

    /** A bundle context that only knows its data area (all the stores ask for). */
    static BundleContext dataArea(File dir) {
        return (BundleContext) Proxy.newProxyInstance(Components.class.getClassLoader(),
                new Class<?>[] { BundleContext.class }, (proxy, m, a) -> {
                    if (m.getName().equals("getDataFile")) {
                        return new File(dir, (String) a[0]);
                    }
                    if (m.getDeclaringClass() == Object.class) {
                        return m.getName().equals("hashCode") ? System.identityHashCode(proxy)
                                : m.getName().equals("equals") ? proxy == a[0] : "BundleContext(" + dir + ")";
                    }
                    return null;
                });
    }

    /** A host service that says yes, finds nothing and keeps nothing: the host is the ATS's, not ours. */
    @SuppressWarnings("unchecked")
    static <T> T permissive(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, m, a) -> {
            Class<?> r = m.getReturnType();
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("hashCode") ? System.identityHashCode(proxy)
                        : m.getName().equals("equals") ? proxy == a[0] : type.getSimpleName();
            }
            if (r == boolean.class) {
                return true;
            }
            if (r == Optional.class) {
                return Optional.empty();
            }
            if (List.class.isAssignableFrom(r)) {
                return List.of();
            }
            if (r.isAssignableFrom(java.util.concurrent.CompletableFuture.class)) {
                return java.util.concurrent.CompletableFuture.completedFuture(List.of()); // an answer with nothing in it
            }
            return null;
        });
    }
}
