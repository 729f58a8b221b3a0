package org.atstexting.texting.web.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;

import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The providers installed now (their {@value TextingProvider#PROVIDER_PROPERTY} keys), for
 * the settings page's drop-down. Providers come and go with their bundles.
 */
@Component(service = InstalledProviders.class)
public final class InstalledProviders {

    private final ConcurrentSkipListSet<String> keys = new ConcurrentSkipListSet<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            service = TextingProvider.class)
    void addProvider(Map<String, Object> properties) {
        if (properties.get(TextingProvider.PROVIDER_PROPERTY) instanceof String key) {
            keys.add(key);
        }
    }

    void removeProvider(Map<String, Object> properties) {
        if (properties.get(TextingProvider.PROVIDER_PROPERTY) instanceof String key) {
            keys.remove(key);
        }
    }

    List<String> keys() {
        return List.copyOf(keys);
    }
}
