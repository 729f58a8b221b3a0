package org.atstexting.texting.zipwhip.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A {@link ZipwhipConfiguration} as SCR would make it: the defaults, with some values overridden. */
final class Configs {

    private Configs() {
    }

    static ZipwhipConfiguration of(Object... keysAndValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (ZipwhipConfiguration) Proxy.newProxyInstance(ZipwhipConfiguration.class.getClassLoader(),
                new Class<?>[] { ZipwhipConfiguration.class }, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return ZipwhipConfiguration.class;
                    }
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "ZipwhipConfiguration" + values;
                        };
                    }
                    return values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
