package org.atstexting.texting.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Work done in one transaction on a connection the database hands over. It may be run again
 * (see {@link TextingDatabase#inTransaction}), so it must not act outside the database.
 *
 * @param <T> what the work returns
 */
@ConsumerType
@FunctionalInterface
public interface SqlWork<T> {

    /**
     * @param connection in a transaction (auto-commit off); do not commit, roll back or close it
     */
    T run(Connection connection) throws SQLException;
}
