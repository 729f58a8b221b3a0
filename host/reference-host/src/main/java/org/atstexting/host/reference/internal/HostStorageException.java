package org.atstexting.host.reference.internal;

import java.sql.SQLException;

/** The reference host's database failed; the call changed nothing (its transaction was rolled back). */
public final class HostStorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HostStorageException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
