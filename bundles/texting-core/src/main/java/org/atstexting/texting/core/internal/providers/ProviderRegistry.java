package org.atstexting.texting.core.internal.providers;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.spi.SentTextLookup;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The installed providers by their {@value TextingProvider#PROVIDER_PROPERTY} key. Providers
 * come and go with their bundles; asking for a missing one is an ordinary, explained refusal.
 */
@Component(service = ProviderRegistry.class)
public final class ProviderRegistry {

    private static final Logger LOG = Logger.getLogger(ProviderRegistry.class.getName());

    private final Map<String, TextingProvider> providers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindProvider(TextingProvider provider, Map<String, Object> properties) {
        key(properties).ifPresentOrElse(key -> {
            providers.put(key, provider);
            LOG.info(() -> "Texting provider '" + key + "' is available");
        }, () -> LOG.warning(() -> "Ignoring a texting provider registered without the "
                + TextingProvider.PROVIDER_PROPERTY + " property"));
    }

    public void unbindProvider(TextingProvider provider, Map<String, Object> properties) {
        key(properties).ifPresent(key -> {
            if (providers.remove(key, provider)) {
                LOG.info(() -> "Texting provider '" + key + "' went away");
            }
        });
    }

    private static Optional<String> key(Map<String, Object> properties) {
        Object key = properties.get(TextingProvider.PROVIDER_PROPERTY);
        return key instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    public Optional<TextingProvider> find(String key) {
        return Optional.ofNullable(providers.get(key));
    }

    /** The provider's declared look-up of its sent texts, when it is installed and declares one. */
    public Optional<SentTextLookup> lookup(String key) {
        return find(key).filter(SentTextLookup.class::isInstance).map(SentTextLookup.class::cast);
    }

    public TextingProvider require(String key) throws TextingException {
        return find(key).orElseThrow(() -> new TextingException(Reason.PROVIDER_UNAVAILABLE,
                "No texting provider '" + key + "' is installed; installed: " + keys()));
    }

    public Set<String> keys() {
        return new TreeSet<>(providers.keySet());
    }
}
