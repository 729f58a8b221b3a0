package org.atstexting.texting.kit;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Drives a Declarative Services component the way SCR does, for tests that, like a third
 * party's, see only the provider's public class: a configuration {@code @interface} (public or
 * not) as a proxy answering the given values and the Metatype defaults, the public
 * constructor, and the lifecycle methods by name ({@code deactivate}, {@code modified}) whatever
 * their visibility.
 */
public final class Components {

    private Components() {
    }

    /**
     * A configuration as SCR hands it to a component: {@code values} by attribute name, otherwise
     * the attribute's default.
     *
     * @param type the configuration annotation, e.g. {@code Class.forName("...TwilioConfiguration")}
     */
    public static Object configuration(Class<?> type, Map<String, ?> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> type.getSimpleName() + copy;
                };
            }
            return copy.containsKey(method.getName()) ? copy.get(method.getName()) : method.getDefaultValue();
        });
    }

    /**
     * Creates the component with its only public constructor, the configuration first: each
     * parameter gets the first of {@code arguments} it accepts.
     */
    public static <T> T activate(Class<T> component, Object... arguments) {
        Constructor<?>[] constructors = component.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalArgumentException(component.getName() + " must have exactly one public constructor");
        }
        Class<?>[] types = constructors[0].getParameterTypes();
        Object[] values = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            for (Object a : arguments) {
                if (types[i].isInstance(a)) {
                    values[i] = a;
                    break;
                }
            }
            if (values[i] == null) {
                throw new IllegalArgumentException("No argument for " + types[i].getName() + " of " + component.getName());
            }
        }
        try {
            return component.cast(constructors[0].newInstance(values));
        } catch (InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calls a lifecycle method of the component by name (e.g. {@code deactivate}), whatever its visibility. */
    public static void call(Object component, String method, Object... arguments) {
        for (Class<?> c = component.getClass(); c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == arguments.length) {
                    try {
                        m.setAccessible(true);
                        m.invoke(component, arguments);
                        return;
                    } catch (InvocationTargetException e) {
                        throw rethrow(e.getCause());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        throw new IllegalArgumentException(component.getClass().getName() + " has no method " + method);
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
