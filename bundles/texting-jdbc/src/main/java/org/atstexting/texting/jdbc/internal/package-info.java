/** The database service: the connector that picks a connection source, the pool, schema migrations. */
package org.atstexting.texting.jdbc.internal;
