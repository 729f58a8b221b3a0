package org.atstexting.host.reference.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the reference host (PID {@value #PID}). */
@ObjectClassDefinition(
        id = HostConfig.PID,
        name = "ATS texting reference host",
        description = "The reference host: users, security groups, employee and contact records "
                + "and their texts, kept in one file on disk.")
public @interface HostConfig {

    String PID = "org.atstexting.reference.host";

    @AttributeDefinition(
            name = "Data directory",
            description = "Directory holding the reference host's store file (reference-host.mv.db). "
                    + "A relative path is resolved against the working directory of the process.")
    String dataDirectory() default "ats-texting-data";

    @AttributeDefinition(
            name = "Seed demo data",
            description = "When the store is empty at start-up, fill it with demo groups, users and "
                    + "records (Administrators, Recruiters, Staff; admin, alice, bob; four records).")
    boolean seedDemoData() default true;
}
