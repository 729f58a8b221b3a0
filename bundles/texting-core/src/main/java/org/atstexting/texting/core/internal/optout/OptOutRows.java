package org.atstexting.texting.core.internal.optout;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.jdbc.TextingDatabase;

/** The row codecs of {@code core_opt_out} (a number's state) and {@code core_opt_out_event} (its audit trail). */
final class OptOutRows {

    static final String EVENT_COLUMNS = "number, kind, at, cause, source, message_key, user_id";
    static final String SELECT_EVENTS = "SELECT " + EVENT_COLUMNS + " FROM core_opt_out_event";
    /** The same message (key) for a number twice inserts nothing; a null key never conflicts. */
    static final String INSERT_EVENT = "INSERT INTO core_opt_out_event (" + EVENT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    static final int MAX_CAUSE = 2000;

    private OptOutRows() {
    }

    static OptOutEvent readEvent(ResultSet row) throws SQLException {
        return new OptOutEvent(row.getString("number"), OptOutEvent.Kind.valueOf(row.getString("kind")),
                TextingDatabase.instant(row, "at"), row.getString("cause"), row.getString("source"),
                row.getString("message_key"), row.getString("user_id"));
    }

    static void bindEvent(PreparedStatement ps, OptOutEvent e) throws SQLException {
        ps.setString(1, e.number());
        ps.setString(2, e.kind().name());
        ps.setObject(3, TextingDatabase.timestamp(e.at()));
        // a cause is a text's words or a provider's: kept whole up to the column, cut beyond it
        ps.setString(4, e.cause().length() > MAX_CAUSE ? e.cause().substring(0, MAX_CAUSE) : e.cause());
        ps.setString(5, e.source());
        ps.setString(6, e.messageKey());
        ps.setString(7, e.userId());
    }

    static OptOutRegistry.State readState(ResultSet row) throws SQLException {
        return new OptOutRegistry.State(row.getBoolean("opted_out"), TextingDatabase.instant(row, "since"));
    }
}
