package org.atstexting.texting.core.internal.credentials;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialTest;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The last "Test" of each set of credentials ({@code core_credential_test}, keyed by the
 * credential's id), so the settings page shows when it was pressed and what the provider said on
 * every node. The newest test wins; saving or removing the credentials forgets it.
 */
@Component(service = CredentialTestLog.class)
public final class CredentialTestLog {

    /** The longest provider message kept (a provider's error text can be long). */
    static final int MAX_MESSAGE = 1000;

    private final TextingDatabase database;
    private final Clock clock;

    @Activate
    public CredentialTestLog(@Reference CoreStore store) {
        this(store, Clock.systemUTC());
    }

    public CredentialTestLog(CoreStore store, Clock clock) {
        // the core's store has brought the core's tables up to date before it is offered
        TextingDatabase database = store.database();
        this.database = Objects.requireNonNull(database);
        this.clock = clock;
    }

    /** Keeps {@code check} as the last test of the credentials {@code credentialId}, now. */
    public CredentialTest record(String credentialId, CredentialCheck check) {
        String message = check.message().length() > MAX_MESSAGE ? check.message().substring(0, MAX_MESSAGE)
                : check.message();
        CredentialTest test = new CredentialTest(clock.instant(), new CredentialCheck(check.outcome(), message));
        try {
            // H2 has no ON CONFLICT ... DO UPDATE: update, else insert, else (another node inserted first) update
            database.inTransaction(c -> update(c, credentialId, test) || insert(c, credentialId, test)
                    || update(c, credentialId, test));
        } catch (SQLException e) {
            throw new StoreException("keeping the test of credentials " + credentialId, e);
        }
        return test;
    }

    /** The last test of the credentials, if any since they were saved. */
    public Optional<CredentialTest> last(String credentialId) {
        try (Connection c = database.connection(); PreparedStatement select = c.prepareStatement(
                "SELECT tested_at, outcome, message FROM core_credential_test WHERE credential_id = ?")) {
            select.setString(1, credentialId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new CredentialTest(TextingDatabase.instant(row, "tested_at"), new CredentialCheck(
                        CredentialCheck.Outcome.valueOf(row.getString("outcome")), row.getString("message"))));
            }
        } catch (SQLException e) {
            throw new StoreException("reading the test of credentials " + credentialId, e);
        }
    }

    /** Forgets the last test: the credentials it describes were replaced or removed. */
    public void forget(String credentialId) {
        try (Connection c = database.connection(); PreparedStatement delete = c.prepareStatement(
                "DELETE FROM core_credential_test WHERE credential_id = ?")) {
            delete.setString(1, credentialId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("forgetting the test of credentials " + credentialId, e);
        }
    }

    private static boolean update(Connection c, String id, CredentialTest test) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE core_credential_test SET tested_at = ?, outcome = ?, message = ? WHERE credential_id = ?")) {
            update.setObject(1, TextingDatabase.timestamp(test.at()));
            update.setString(2, test.check().outcome().name());
            update.setString(3, test.check().message());
            update.setString(4, id);
            return update.executeUpdate() == 1;
        }
    }

    private static boolean insert(Connection c, String id, CredentialTest test) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO core_credential_test "
                + "(credential_id, tested_at, outcome, message) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, id);
            insert.setObject(2, TextingDatabase.timestamp(test.at()));
            insert.setString(3, test.check().outcome().name());
            insert.setString(4, test.check().message());
            return insert.executeUpdate() == 1;
        }
    }
}
