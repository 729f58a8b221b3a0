package org.atstexting.texting.core.internal.credentials;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.atstexting.texting.core.internal.credentials.CredentialVault.SendReadiness;
import org.atstexting.texting.core.internal.store.ChangeFeed;
import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * A send's look-up of the sender's credential sets and the recipient's opt-out. Answered from this
 * node's memory while its {@link ChangeFeed} is fresh and the sets were looked up since the last
 * credential change; else read in one statement (one round trip to the shared database).
 * {@link SendReadiness#optedOut()} is {@code null} when the database was read and the user has no
 * set: no row carried the answer, and the caller asks the opt-outs itself.
 */
final class SendReadinessLookup {

    private final TextingDatabase database;
    private final ChangeFeed changes;
    /** The sets sends looked up, by owner and provider, good while the feed's credentials generation is theirs. */
    private final AtomicReference<Memo> memo = new AtomicReference<>(new Memo(-1));

    SendReadinessLookup(TextingDatabase database, ChangeFeed changes) {
        this.database = database;
        this.changes = changes;
    }

    SendReadiness readiness(String ownerUserId, String provider, String number) {
        Boolean optedOut = changes.optedOut(number);
        if (optedOut == null) {
            return read(ownerUserId, provider, number); // the node's memory cannot answer now
        }
        long generation = changes.credentialsGeneration(); // read before the sets, so a change since outdates them
        Memo current = memo.get();
        if (current.generation() != generation) {
            Memo fresh = new Memo(generation);
            current = memo.compareAndSet(current, fresh) ? fresh : memo.get();
        }
        Key key = new Key(ownerUserId, provider); // a provider "" (named, none such) is not null (any)
        List<StoredCredential> sets = current.generation() == generation ? current.sets().get(key) : null;
        if (sets == null) {
            SendReadiness read = read(ownerUserId, provider, number);
            if (current.generation() == generation && current.sets().size() < Memo.MAX_ENTRIES) {
                current.sets().put(key, read.credentials());
            }
            return read;
        }
        return new SendReadiness(sets, optedOut);
    }

    /** A sender and the provider asked for ({@code null}: any). */
    private record Key(String owner, String provider) {
    }

    /** The sets sends looked up in one credentials generation (at most 10,000 senders and providers). */
    private record Memo(long generation, Map<Key, List<StoredCredential>> sets) {
        static final int MAX_ENTRIES = 10_000;

        Memo(long generation) {
            this(generation, new ConcurrentHashMap<>());
        }
    }

    private SendReadiness read(String ownerUserId, String provider, String number) {
        String sql = "SELECT " + CredentialRows.COLUMNS
                + ", (SELECT opted_out FROM core_opt_out WHERE number = ?) AS recipient_opted_out FROM core_credential "
                + (provider == null ? "WHERE owner_user_id = ? ORDER BY id" : "WHERE id = ?");
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, number);
            select.setString(2, provider == null ? ownerUserId : StoredCredential.id(provider, ownerUserId));
            List<StoredCredential> found = new ArrayList<>(1);
            Boolean optedOut = null;
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(CredentialRows.read(row));
                    optedOut = row.getBoolean("recipient_opted_out"); // no state row reads as false: never opted out
                }
            }
            return new SendReadiness(List.copyOf(found), optedOut);
        } catch (SQLException e) {
            throw new StoreException("reading the credentials of " + ownerUserId, e);
        }
    }
}
