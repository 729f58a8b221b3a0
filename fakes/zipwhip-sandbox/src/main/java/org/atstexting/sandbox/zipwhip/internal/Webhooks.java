package org.atstexting.sandbox.zipwhip.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.atstexting.sandbox.zipwhip.SandboxWebhook;

/**
 * The webhooks accounts installed with {@code webhook/add} (zipwhip-api.md, "Webhooks").
 * Choices where the facts are silent:
 * <ul>
 * <li>{@code type} must be {@code message}; {@code event} one of {@link #EVENTS}; {@code url}
 * absolute http(s); {@code method} optional, only {@code POST}.</li>
 * <li>Webhooks are listed per account ({@code webhook/list}) and remember the session that
 * installed them: with {@link #surviveSessions(boolean) surviveSessions(false)} they go when that
 * session ends. By default they survive (account settings).</li>
 * <li>The same event and URL may be installed twice; each copy is POSTed to, so a client that
 * installs again without checking receives every event twice.</li>
 * <li>At most {@link #MAX_PER_ACCOUNT} per account: a client that never removes old ones is
 * refused.</li>
 * </ul>
 * Thread-safe.
 */
final class Webhooks {

    static final Set<String> EVENTS = Set.of("receive", "send", "progress", "read", "delete");
    static final int MAX_PER_ACCOUNT = 50;

    private record Installed(SandboxWebhook hook, String session) {
    }

    private final AtomicLong ids = new AtomicLong(700);
    private volatile Set<String> refused = Set.of();
    private volatile boolean surviveSessions = true;
    // guarded by this
    private final Map<String, List<Installed>> byAccount = new HashMap<>();

    void refuse(Set<String> events) {
        refused = Set.copyOf(events);
    }

    void surviveSessions(boolean survive) {
        surviveSessions = survive;
    }

    /** Checks a {@code webhook/add} call's values before its session is looked at. */
    static String validate(String type, String event, String url, String method) throws Refused {
        if (!"message".equals(type)) {
            throw new Refused("Unknown webhook type '" + Sanitize.text(type, 40) + "'");
        }
        if (!EVENTS.contains(event)) {
            throw new Refused("Unknown webhook event '" + Sanitize.text(event, 40) + "'");
        }
        String httpMethod = method == null ? "POST" : method;
        if (!"POST".equals(httpMethod)) {
            throw new Refused("Unsupported webhook method '" + Sanitize.text(method, 40) + "'");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new Refused("Invalid webhook url");
            }
        } catch (URISyntaxException e) {
            throw new Refused("Invalid webhook url");
        }
        return httpMethod;
    }

    synchronized SandboxWebhook add(String account, String session, String type, String event, String url,
            String httpMethod) throws Refused {
        if (refused.contains(event)) {
            throw new Refused("Webhook event '" + event + "' is not available for this account");
        }
        List<Installed> hooks = byAccount.computeIfAbsent(account, k -> new ArrayList<>());
        if (hooks.size() >= MAX_PER_ACCOUNT) {
            throw new Refused("Too many webhooks (at most " + MAX_PER_ACCOUNT + "); delete some first");
        }
        SandboxWebhook hook = new SandboxWebhook(ids.incrementAndGet(), account, type, event, url, httpMethod);
        hooks.add(new Installed(hook, session));
        return hook;
    }

    synchronized List<SandboxWebhook> of(String account) {
        return byAccount.getOrDefault(account, List.of()).stream().map(Installed::hook).toList();
    }

    /** @return the account's webhooks for that event */
    synchronized List<SandboxWebhook> of(String account, String event) {
        return byAccount.getOrDefault(account, List.of()).stream().map(Installed::hook)
                .filter(h -> h.event().equals(event)).toList();
    }

    synchronized void delete(String account, long id) throws Refused {
        List<Installed> hooks = byAccount.get(account);
        if (hooks == null || !hooks.removeIf(i -> i.hook().id() == id)) {
            throw new Refused("Webhook not found");
        }
    }

    /** The sessions ended: their webhooks go too, unless webhooks survive sessions. */
    synchronized void sessionsEnded(Collection<String> sessions) {
        if (surviveSessions || sessions.isEmpty()) {
            return;
        }
        Set<String> ended = Set.copyOf(sessions);
        byAccount.values().forEach(hooks -> hooks.removeIf(i -> ended.contains(i.session())));
    }

    synchronized void removeAll(String account) {
        byAccount.remove(account);
    }

    synchronized void clear() {
        byAccount.clear();
    }
}
