package org.atstexting.texting.core.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.jdbc.TextingDatabase;

/** Core stores for tests: the tables in an embedded H2 database under the test's folder (one per folder). */
public final class TestStores {

    private static final Map<Path, TextingDatabase> DATABASES = new ConcurrentHashMap<>();

    private TestStores() {
    }

    /** The database of a folder: the same one again for the same folder, as after a restart. */
    public static TextingDatabase h2(Path dir) {
        return DATABASES.computeIfAbsent(dir.toAbsolutePath().normalize(),
                d -> TestDatabases.database(TestDatabases.h2DataSource(d)));
    }

    /** A core store whose tables are in the database of {@code file}'s folder. */
    public static CoreStore core(Path file) {
        return on(file, h2(file.toAbsolutePath().getParent()));
    }

    /** The shared HELP reply limiter on a store's database (what every node of that database consults). */
    public static org.atstexting.texting.core.internal.inbound.HelpReplyLimiter helpLimiter(CoreStore store) {
        return new org.atstexting.texting.core.internal.inbound.HelpReplyLimiter(store);
    }

    /** The shared log of credential tests on a store's database. */
    public static org.atstexting.texting.core.internal.credentials.CredentialTestLog testLog(CoreStore store,
            java.time.Clock clock) {
        return new org.atstexting.texting.core.internal.credentials.CredentialTestLog(store, clock);
    }

    public static CoreStore on(Path file, TextingDatabase database) {
        try {
            return new CoreStore(database);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
