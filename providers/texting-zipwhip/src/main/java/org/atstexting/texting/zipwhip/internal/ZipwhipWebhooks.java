package org.atstexting.texting.zipwhip.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;

/**
 * Keeps each account's webhooks as they should be, on one background thread per client,
 * never on a send's path. Webhooks are installed per session and may not outlive it, Zipwhip
 * may accept one event and refuse another, and the callback URL may change (zipwhip-api.md),
 * so a reconcile lists what is installed ({@code webhook/list}), keeps ours that carry a
 * secret we still accept, adds the events that are missing, and deletes ({@code webhook/delete})
 * ours that are stale: another callback URL, a secret we no longer know, a duplicate, or any
 * of ours while webhooks are off. It runs after every new session (a Zipwhip restart ends
 * sessions, so webhooks come back with the next one) and every check interval.
 *
 * <p>The SPI says nothing when credentials are removed. Decision: an account the core has
 * not sent or polled for through this client within the configured idle period is taken as
 * removed: its webhooks are deleted, its secrets revoked, its session logged out. (The
 * core polls every account with credentials each polling interval, so with polling on this
 * is exact to the period; an SPI hook {@code credentialsRemoved(username)} would make it
 * immediate.)
 */
final class ZipwhipWebhooks implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ZipwhipWebhooks.class.getName());

    /** Events the webhook is installed for: replies, and delivery progress of sent texts. */
    static final List<String> WEBHOOK_EVENTS = List.of("receive", "progress");

    private final ZipwhipWebhookCalls calls;
    private final WebhookSecrets secrets;
    private final ZipwhipSessions sessions;
    /** The webhook's URL without its query, or null when webhooks are off. */
    private final String webhookUrl;
    private final Duration idle;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    /** Credentials of the accounts in use, for the background reconcile; in memory only. */
    private final Map<String, ProviderCredentials> accounts = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    /** The secret of each account's installed webhooks, recovered or made here; never logged or stored. */
    private final Map<String, String> liveSecrets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> queued = new ConcurrentHashMap<>();
    private final Instant started;

    ZipwhipWebhooks(ZipwhipApi api, WebhookSecrets secrets, ZipwhipSessions sessions, String webhookUrl,
            Duration checkEvery, Duration idle, Clock clock) {
        this.calls = new ZipwhipWebhookCalls(api, sessions);
        this.secrets = secrets;
        this.sessions = sessions;
        this.webhookUrl = webhookUrl;
        this.idle = idle;
        this.clock = clock;
        this.started = clock.instant();
        this.worker = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ats-texting zipwhip webhooks");
            t.setDaemon(true);
            return t;
        });
        if (webhookUrl == null) {
            // switched off: no push is taken from now on; ours are deleted at each account's next reconcile
            secrets.removeAll();
        }
        long every = Math.max(1, checkEvery.toSeconds());
        worker.scheduleWithFixedDelay(this::checkAll, every, every, TimeUnit.SECONDS);
    }

    /** Runs a task on the webhook thread (unless the client is closed). */
    void background(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "A Zipwhip background task failed", e);
                }
            });
        } catch (RejectedExecutionException closed) {
            // the client is retired
        }
    }

    /** The core sent or polled for this account now. */
    void seen(ProviderCredentials credentials) {
        accounts.put(credentials.username(), credentials);
        lastSeen.put(credentials.username(), clock.instant());
    }

    /** A session was made for the account: its webhooks are checked soon, off the caller's thread. */
    void sessionStarted(ProviderCredentials credentials, String sessionKeyUnused) {
        seen(credentials);
        if (queued.putIfAbsent(credentials.username(), Boolean.TRUE) == null) {
            background(() -> {
                queued.remove(credentials.username());
                ProviderCredentials current = accounts.get(credentials.username());
                if (current != null) {
                    reconcile(current);
                }
            });
        }
    }

    /** Every check interval: accounts idle too long are retired, the others reconciled. */
    void checkAll() {
        Instant cutoff = clock.instant().minus(idle);
        for (String username : new ArrayList<>(accounts.keySet())) {
            Instant seen = lastSeen.getOrDefault(username, Instant.EPOCH);
            if (seen.isBefore(cutoff)) {
                retire(username);
            } else {
                reconcile(accounts.get(username));
            }
        }
        // secrets of accounts this client never saw (e.g. from before a restart) lapse after the idle period too
        for (String username : secrets.accounts()) {
            if (!accounts.containsKey(username) && clock.instant().isAfter(started.plus(idle))) {
                LOG.info(() -> "The Zipwhip account " + LogText.sanitize(username) + " was not used for " + idle
                        + "; its webhook secrets are revoked");
                secrets.remove(username);
            }
        }
    }

    /** The account's credentials are taken as removed: webhooks deleted, secrets revoked, session ended. */
    void retire(String username) {
        ProviderCredentials credentials = accounts.remove(username);
        lastSeen.remove(username);
        liveSecrets.remove(username);
        if (credentials != null) {
            try {
                for (ZipwhipHook hook : calls.list(credentials)) {
                    if (hook.ours(username)) {
                        calls.delete(credentials, hook);
                    }
                }
            } catch (ProviderException | RuntimeException e) {
                LOG.fine(() -> "Could not delete the webhooks of a retired Zipwhip account: " + e.getMessage());
            }
        }
        secrets.remove(username);
        sessions.forget(username);
        LOG.info(() -> "The Zipwhip account " + LogText.sanitize(username) + " was not used for " + idle
                + ": its webhooks are removed and its session ended");
    }

    /**
     * Makes the account's webhooks what they should be. Failures are logged, not thrown:
     * polling reads everything anyway, and the next check tries again.
     */
    void reconcile(ProviderCredentials credentials) {
        String username = credentials.username();
        try {
            List<ZipwhipHook> installed = calls.list(credentials);
            Set<String> keptSecrets = new HashSet<>();
            Set<String> covered = new HashSet<>();
            for (ZipwhipHook hook : installed) {
                if (!hook.ours(username)) {
                    continue; // another integration's webhook: not ours to touch
                }
                boolean wanted = webhookUrl != null && webhookUrl.equals(hook.base())
                        && WEBHOOK_EVENTS.contains(hook.event()) && !covered.contains(hook.event())
                        && hook.secret() != null && secrets.verify(username, hook.secret());
                if (wanted) {
                    covered.add(hook.event());
                    keptSecrets.add(hook.secret());
                    liveSecrets.putIfAbsent(username, hook.secret());
                } else {
                    calls.delete(credentials, hook);
                }
            }
            if (webhookUrl != null) {
                addMissing(credentials, covered, keptSecrets);
            }
            secrets.retain(username, keptSecrets);
            if (keptSecrets.isEmpty()) {
                liveSecrets.remove(username);
            }
        } catch (ProviderException | RuntimeException e) {
            LOG.warning(() -> "Could not check the Zipwhip webhooks of " + LogText.sanitize(username) + " ("
                    + e.getMessage() + "); its replies and statuses are read by polling, and it is tried again");
        }
    }

    private void addMissing(ProviderCredentials credentials, Set<String> covered, Set<String> keptSecrets)
            throws ProviderException {
        String username = credentials.username();
        String secret = keptSecrets.isEmpty() ? null : liveSecrets.get(username);
        if (secret == null || !keptSecrets.contains(secret)) {
            secret = keptSecrets.isEmpty() ? WebhookSecrets.newSecret() : keptSecrets.iterator().next();
        }
        String url = webhookUrl + "?account=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&secret="
                + secret;
        for (String event : WEBHOOK_EVENTS) {
            if (covered.contains(event)) {
                continue;
            }
            // stored before it is added: Zipwhip may push the first event before webhook/add answers
            secrets.put(username, credentials.phoneNumber(), webhookUrl, secret);
            keptSecrets.add(secret);
            ZipwhipReply reply = calls.add(credentials, event, url);
            if (reply.success()) {
                covered.add(event);
                LOG.info(() -> "Installed the Zipwhip '" + event + "' webhook of " + LogText.sanitize(username)
                        + " at " + webhookUrl);
            } else {
                LOG.warning(() -> "Zipwhip refused the '" + event + "' webhook of " + LogText.sanitize(username)
                        + " (" + reply.errorText() + "); it is read by polling, and tried again at the next check");
            }
        }
        if (covered.isEmpty()) {
            keptSecrets.clear(); // nothing installed with it: the secret admits nothing
            secrets.revoke(username, secret); // at once, not after the grace other nodes' secrets get
        } else {
            liveSecrets.put(username, secret);
        }
    }

    /** For tests: waits (up to 30 s) until what was queued before, and what that queued, is done. */
    void awaitBackground() throws Exception {
        for (int i = 0; i < 3; i++) {
            worker.submit(() -> { }).get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Drops what waits and lets a task under way finish (its HTTP calls are bounded by the
     * time-outs) instead of interrupting it: an interrupt in the middle of a write to the shared
     * database (the secrets) closes the embedded database's file for every other user.
     */
    @Override
    public void close() {
        java.util.concurrent.ScheduledThreadPoolExecutor pool = (java.util.concurrent.ScheduledThreadPoolExecutor) worker;
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        pool.getQueue().clear();
        pool.shutdown();
    }
}
