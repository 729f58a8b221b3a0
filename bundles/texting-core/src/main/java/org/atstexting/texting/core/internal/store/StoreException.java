package org.atstexting.texting.core.internal.store;

import java.sql.SQLException;

/**
 * The database failed a read or write of the core (unreachable, or refused the statement). The
 * write it interrupted was rolled back: nothing is half-saved, and the caller may try again.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String doing, SQLException cause) {
        super("The ats-texting database failed while " + doing + " (" + cause.getMessage()
                + "); nothing was changed, try again once the database answers", cause);
    }
}
