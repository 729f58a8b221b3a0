package org.atstexting.texting.spi;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Small secrets a provider keeps for its accounts — the secret it put in a webhook's URL, the
 * signing secret a provider's API handed back when a webhook was registered — kept by the core
 * in its database, encrypted with the credential key, so that every node of a cluster knows them
 * at once (a webhook is verified by whichever node the balancer picks) and a restart loses
 * nothing. The core registers this service; a provider references it.
 *
 * <p>Names are the provider's own (e.g. {@code webhook.<account>}); values are opaque text. A
 * call that cannot reach the database throws {@link IllegalStateException} with a plain
 * message and changes nothing. Implementations never log a value.
 *
 * @since 1.4
 */
@ProviderType
public interface ProviderSecrets {

    /** The longest name. */
    int MAX_NAME_LENGTH = 200;

    /** The longest value. */
    int MAX_VALUE_LENGTH = 4000;

    /**
     * Stores {@code value} under {@code name} for {@code provider}, replacing what was there.
     *
     * @throws IllegalArgumentException if a name or value is empty or too long
     */
    void put(String provider, String name, String value);

    /** The value stored under {@code name}, if any. */
    Optional<String> get(String provider, String name);

    /** Every name of the provider that starts with {@code prefix}, with its value, in name order. */
    Map<String, String> list(String provider, String prefix);

    /** Removes the value; {@code true} if there was one. */
    boolean remove(String provider, String name);

    /** Removes every name of the provider that starts with {@code prefix}; answers how many went. */
    int removeAll(String provider, String prefix);
}
