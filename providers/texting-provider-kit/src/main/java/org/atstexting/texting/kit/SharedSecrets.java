package org.atstexting.texting.kit;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.atstexting.texting.spi.ProviderSecrets;

/**
 * Stands in for the core's {@link ProviderSecrets} in a provider's tests: one in-memory table,
 * as every node of a cluster would see it (give two instances of a provider the same one to play
 * two nodes). Hand it to the provider's component with {@link Components#activate}.
 */
public final class SharedSecrets implements ProviderSecrets {

    private final Map<String, String> rows = new TreeMap<>();
    private int writes;

    @Override
    public synchronized void put(String provider, String name, String value) {
        writes++;
        rows.put(provider + "\u0000" + name, value);
    }

    /** How many times {@link #put} was called: a test counts what a provider writes to the shared table. */
    public synchronized int writes() {
        return writes;
    }

    /** Every value stored, of every provider: a test looks at what a provider keeps (never a raw secret). */
    public synchronized List<String> values() {
        return List.copyOf(rows.values());
    }

    @Override
    public synchronized Optional<String> get(String provider, String name) {
        return Optional.ofNullable(rows.get(provider + "\u0000" + name));
    }

    @Override
    public synchronized Map<String, String> list(String provider, String prefix) {
        Map<String, String> found = new TreeMap<>();
        rows.forEach((key, value) -> {
            if (key.startsWith(provider + "\u0000" + prefix)) {
                found.put(key.substring(provider.length() + 1), value);
            }
        });
        return found;
    }

    @Override
    public synchronized boolean remove(String provider, String name) {
        return rows.remove(provider + "\u0000" + name) != null;
    }

    @Override
    public synchronized int removeAll(String provider, String prefix) {
        Map<String, String> gone = list(provider, prefix);
        gone.keySet().forEach(name -> rows.remove(provider + "\u0000" + name));
        return gone.size();
    }
}
