package org.atstexting.texting.core.internal.store;

import java.net.URL;
import java.sql.SQLException;
import java.util.List;

import org.atstexting.texting.jdbc.TextingDatabase;

/** The core's tables (prefix {@code core_}), created and upgraded by the scripts in {@code /db/core/}. */
public final class CoreSchema {

    /** The schema name the core's version is recorded under. */
    public static final String NAME = "core";

    private static final List<String> SCRIPTS = List.of("V1__core_tables.sql", "V2__provider_secrets.sql",
            "V3__shared_node_state.sql", "V4__change_log.sql");

    private CoreSchema() {
    }

    /** Brings the core's tables up to date (once, under the database's lock, whichever node comes first). */
    public static void migrate(TextingDatabase database) throws SQLException {
        database.migrate(NAME, scripts());
    }

    static List<URL> scripts() {
        return SCRIPTS.stream().map(name -> {
            URL url = CoreSchema.class.getResource("/db/core/" + name);
            if (url == null) {
                throw new IllegalStateException("The core bundle lacks its schema script " + name);
            }
            return url;
        }).toList();
    }
}
