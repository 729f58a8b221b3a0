package org.atstexting.texting.core.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.h2.mvstore.Cursor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Outbound texts a poll found in a provider's sent history, among them sends the core did
 * not see finish (a crash between the provider's answer and the next write). A bulk job
 * looks here before it texts a recipient again whose send was under way at a crash.
 */
@Component(service = SentLedger.class)
public final class SentLedger {

    private static final Gson GSON = new GsonBuilder().registerTypeAdapter(Instant.class, new InstantJson()).create();

    /** One text that went out. */
    record Entry(String messageKey, String body, Instant sentAt) {
    }

    private final CoreStore store;
    /** Providers known to report sent history: asked on every send, and a fact that never becomes false. */
    private final Set<String> reportingSentHistory = ConcurrentHashMap.newKeySet();

    @Activate
    public SentLedger(@Reference CoreStore store) {
        this.store = store;
    }

    private static String prefix(String provider, String from, String to) {
        return provider + "|" + from + "|" + to + "|";
    }

    /**
     * Notes a text that went out; the same message again changes nothing. Not committed on
     * its own: the ledger only caches the provider's history, which a poll reads again after
     * a crash; the caller's next commit (a bulk recipient's SENT) takes it along.
     */
    void record(String provider, String from, String to, String providerMessageId, String body, Instant sentAt) {
        String key = prefix(provider, from, to) + providerMessageId;
        if (!store.sentLedger().containsKey(key)) {
            store.sentLedger().put(key, GSON.toJson(new Entry(provider + ":" + providerMessageId, body, sentAt)));
        }
    }

    /**
     * A text with this body that went from {@code from} to {@code to} at or after
     * {@code notBefore}, if the core knows one.
     */
    Optional<Entry> find(String provider, String from, String to, String body, Instant notBefore) {
        String prefix = prefix(provider, from, to);
        Cursor<String, String> cursor = store.sentLedger().cursor(prefix);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            Entry entry = GSON.fromJson(cursor.getValue(), Entry.class);
            if (entry.body().equals(body) && !entry.sentAt().isBefore(notBefore)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Notes that a provider's polls report the account's sent history. */
    void providerReportsSentHistory(String provider) {
        if (reportingSentHistory.add(provider) && store.providerFacts().put(provider + "|sentHistory", "true") == null) {
            store.commit(); // once per provider, ever
        }
    }

    /**
     * Whether a provider's polls were ever seen to report sent history: only then does "not
     * in the history" mean "not sent".
     */
    boolean reportsSentHistory(String provider) {
        if (reportingSentHistory.contains(provider)) {
            return true;
        }
        if ("true".equals(store.providerFacts().get(provider + "|sentHistory"))) {
            reportingSentHistory.add(provider);
            return true;
        }
        return false;
    }
}
