/**
 * The one SQL database every ats-texting node shares: a {@link org.atstexting.texting.jdbc.TextingDatabase}
 * service with pooled connections, transactions and versioned schema scripts.
 *
 * <p>Each bundle owns its tables (named with its own prefix, e.g. {@code core_}), ships their
 * scripts as resources ({@code V1__tables.sql}, {@code V2__more.sql}, ...) and applies them with
 * {@link org.atstexting.texting.jdbc.TextingDatabase#migrate} when it activates. The SQL is the
 * part H2 (in its PostgreSQL mode) and PostgreSQL share; see {@code TextingDatabase} for the list.
 */
@Export
@Version("1.0.0")
package org.atstexting.texting.jdbc;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
