package org.atstexting.host.reference.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the reference host (PID {@value #PID}). */
@ObjectClassDefinition(
        id = HostConfig.PID,
        name = "ATS texting reference host",
        description = "The reference host: users, security groups, employee and contact records "
                + "and their texts, kept in the host_* tables of the shared texting database (every node sees them).")
public @interface HostConfig {

    String PID = "org.atstexting.reference.host";

    @AttributeDefinition(
            name = "Seed demo data",
            description = "When the host's tables are empty at start-up and no node seeded them before, fill them "
                    + "with demo groups, users and records (Administrators, Recruiters, Staff; admin, alice, bob; four records).")
    boolean seedDemoData() default true;
}
