package org.atstexting.texting.core.internal.optout;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.spi.OptOutMirror;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Tells the providers that keep their own opt-out list ({@link OptOutMirror}, e.g. TextUs) of
 * every opt-out and opt-in the core records, so the two lists agree. What a provider itself
 * reported (the event's cause starts with its key) is not written back to it. Calls run on
 * one thread of their own, in the order recorded, never under the registry's lock; a failure
 * is logged, not retried: the core's registry, which every send checks, stays the authority.
 */
@Component(service = OptOutMirrors.class, immediate = true)
public final class OptOutMirrors implements Consumer<OptOutEvent> {

    private static final Logger LOG = Logger.getLogger(OptOutMirrors.class.getName());
    static final int MAX_WAITING = 10_000;

    private final OptOutRegistry registry;
    private final CredentialVault vault;
    private final Executor executor;
    private final ExecutorService own;
    private final Map<String, OptOutMirror> mirrors = new ConcurrentHashMap<>();

    @Activate
    public OptOutMirrors(@Reference OptOutRegistry registry, @Reference CredentialVault vault) {
        this(registry, vault, new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(MAX_WAITING), r -> {
                    Thread t = new Thread(r, "ats-texting opt-out mirrors");
                    t.setDaemon(true);
                    return t;
                }));
    }

    OptOutMirrors(OptOutRegistry registry, CredentialVault vault, Executor executor) {
        this.registry = registry;
        this.vault = vault;
        this.executor = executor;
        this.own = executor instanceof ExecutorService service ? service : null;
        registry.addChangeListener(this);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindProvider(TextingProvider provider, Map<String, Object> properties) {
        if (provider instanceof OptOutMirror mirror && properties.get(TextingProvider.PROVIDER_PROPERTY) instanceof String key) {
            mirrors.put(key, mirror);
        }
    }

    void unbindProvider(TextingProvider provider, Map<String, Object> properties) {
        if (properties.get(TextingProvider.PROVIDER_PROPERTY) instanceof String key) {
            mirrors.remove(key, provider);
        }
    }

    @Deactivate
    void deactivate() {
        registry.removeChangeListener(this);
        if (own != null) {
            own.shutdown();
        }
    }

    /** A recorded change of a number's state: queued for every mirror but the one it came from. */
    @Override
    public void accept(OptOutEvent event) {
        mirrors.forEach((key, mirror) -> {
            if (OptOutEvent.PROVIDER.equals(event.source()) && event.cause().startsWith(key + ": ")) {
                return; // the provider told us; it has it already
            }
            try {
                executor.execute(() -> mirror(key, mirror, event));
            } catch (RejectedExecutionException e) {
                LOG.warning(() -> "Too many opt-out changes waiting; " + key + " is not told that " + event.number()
                        + (event.kind() == OptOutEvent.Kind.OPT_OUT ? " opted out" : " opted in"));
            }
        });
    }

    private void mirror(String key, OptOutMirror mirror, OptOutEvent event) {
        Optional<StoredCredential> credentials = credentialsFor(key, event.userId());
        if (credentials.isEmpty()) {
            LOG.info(() -> key + " keeps its own opt-out list but no credentials are stored for it; "
                    + event.number() + " is not written there");
            return;
        }
        try {
            if (event.kind() == OptOutEvent.Kind.OPT_OUT) {
                mirror.mirrorOptOut(vault.unlock(credentials.get()), event.number(), event.cause());
            } else {
                mirror.mirrorOptIn(vault.unlock(credentials.get()), event.number(), event.cause());
            }
        } catch (ProviderException | TextingException e) {
            LOG.warning(() -> key + "'s opt-out list was not updated for " + event.number() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warning(() -> key + " failed to update its opt-out list for " + event.number() + ": " + e);
        }
    }

    /** The system set first, then the set of the account the change came in to, then any set of the provider. */
    private Optional<StoredCredential> credentialsFor(String provider, String ownerUserId) {
        Optional<StoredCredential> system = vault.find(provider, null);
        if (system.isPresent()) {
            return system;
        }
        if (ownerUserId != null) {
            Optional<StoredCredential> owner = vault.find(provider, ownerUserId);
            if (owner.isPresent()) {
                return owner;
            }
        }
        return vault.all().stream().filter(c -> c.provider().equals(provider)).findFirst();
    }
}
