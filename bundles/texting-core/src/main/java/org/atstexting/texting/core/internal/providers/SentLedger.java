package org.atstexting.texting.core.internal.providers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Outbound texts a poll found in a provider's sent history, among them sends the core did
 * not see finish (a crash between the provider's answer and the next write). A bulk job
 * looks here before it texts a recipient again whose send was under way at a crash. Kept in
 * the shared database ({@code core_sent_text}), so what one node's poll found, every node knows;
 * the provider facts beside it ({@code core_provider_fact}) likewise.
 */
@Component(service = SentLedger.class)
public final class SentLedger {

    private static final String SENT_HISTORY = "sentHistory";
    private static final int MAX_BODY = 10_000;

    /** One text that went out. */
    public record Entry(String messageKey, String body, Instant sentAt) {
    }

    private final TextingDatabase database;
    /**
     * Providers known to report sent history: asked on every send. Caching it is safe on any
     * number of nodes because the fact never becomes false; a node that has not seen it yet
     * asks the database.
     */
    private final Set<String> reportingSentHistory = ConcurrentHashMap.newKeySet();

    @Activate
    public SentLedger(@Reference CoreStore store) {
        this.database = store.database();
    }

    /** Notes a text that went out; the same message again changes nothing. */
    public void record(String provider, String from, String to, String providerMessageId, String body, Instant sentAt) {
        try (Connection c = database.connection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO core_sent_text (provider, from_number, to_number, provider_message_id, body, sent_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, provider);
            insert.setString(2, from);
            insert.setString(3, to);
            insert.setString(4, providerMessageId);
            // longer than any text a provider takes; find() compares whole bodies of texts we sent
            insert.setString(5, body.length() > MAX_BODY ? body.substring(0, MAX_BODY) : body);
            insert.setObject(6, TextingDatabase.timestamp(sentAt));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("noting a sent text of " + provider, e);
        }
    }

    /**
     * A text with this body that went from {@code from} to {@code to} at or after
     * {@code notBefore}, if the core knows one.
     */
    public Optional<Entry> find(String provider, String from, String to, String body, Instant notBefore) {
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
                "SELECT provider_message_id, body, sent_at FROM core_sent_text WHERE provider = ? "
                        + "AND from_number = ? AND to_number = ? AND body = ? AND sent_at >= ? "
                        + "ORDER BY sent_at FETCH FIRST 1 ROWS ONLY")) {
            select.setString(1, provider);
            select.setString(2, from);
            select.setString(3, to);
            select.setString(4, body);
            select.setObject(5, TextingDatabase.timestamp(notBefore));
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(provider + ":" + row.getString(1), row.getString(2),
                        TextingDatabase.instant(row, "sent_at")));
            }
        } catch (SQLException e) {
            throw new StoreException("looking up a sent text of " + provider, e);
        }
    }

    /** Notes that a provider's polls report the account's sent history. */
    public void providerReportsSentHistory(String provider) {
        if (reportingSentHistory.contains(provider)) {
            return;
        }
        try (Connection c = database.connection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO core_provider_fact (provider, fact, fact_value) VALUES (?, ?, 'true') "
                        + "ON CONFLICT DO NOTHING")) {
            insert.setString(1, provider);
            insert.setString(2, SENT_HISTORY);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("noting what " + provider + " reports", e);
        }
        reportingSentHistory.add(provider);
    }

    /**
     * Whether a provider's polls were ever seen to report sent history: only then does "not
     * in the history" mean "not sent".
     */
    public boolean reportsSentHistory(String provider) {
        if (reportingSentHistory.contains(provider)) {
            return true;
        }
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
                "SELECT fact_value FROM core_provider_fact WHERE provider = ? AND fact = ?")) {
            select.setString(1, provider);
            select.setString(2, SENT_HISTORY);
            try (ResultSet row = select.executeQuery()) {
                if (row.next() && "true".equals(row.getString(1))) {
                    reportingSentHistory.add(provider);
                    return true;
                }
                return false;
            }
        } catch (SQLException e) {
            throw new StoreException("reading what " + provider + " reports", e);
        }
    }
}
