package org.atstexting.texting.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "ats-texting database",
        description = "The SQL database every ats-texting node shares (credentials, opt-outs, cursors, leases, "
                + "bulk jobs, the archive). Give every node the same settings. Without any, an embedded H2 "
                + "database in the data directory is used (one node only).")
@interface DatabaseConfiguration {

    String PID = "org.atstexting.texting.jdbc";

    @AttributeDefinition(name = "JDBC URL",
            description = "e.g. jdbc:postgresql://db.example.com:5432/ats. The installed driver that accepts it "
                    + "(its DataSourceFactory service) is used, pooled. Empty means the framework or system property "
                    + "atstexting.jdbc.url, else an embedded H2 file database under atstexting.data.dir (in Karaf "
                    + "${karaf.data}/ats-texting), else in this bundle's data area. Ignored when a host DataSource "
                    + "is chosen below.")
    String url() default "";

    @AttributeDefinition(name = "User",
            description = "Database user. Empty means the property atstexting.jdbc.user, else none.")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Database password. Empty means the property atstexting.jdbc.password, else none.")
    String password() default "";

    @AttributeDefinition(name = "Pool size",
            description = "Most connections this node keeps open (1 to 200). Every node has its own pool: the "
                    + "database must allow nodes x pool size connections.")
    int poolSize() default 10;

    @AttributeDefinition(name = "Host DataSource (LDAP filter)",
            description = "Use a javax.sql.DataSource service the host already registers (Liferay, Karaf and AEM "
                    + "pool connections) instead of our own pool, e.g. (osgi.jdbc.datasource.name=ats). "
                    + "Empty: use the JDBC URL above.")
    String dataSource_target() default "";
}
