package org.atstexting.texting.core.internal.bulk;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The bulk worker's own settings, apart from the core's: editing them (or anything else)
 * applies at once and never restarts the worker or the job under way.
 */
@ObjectClassDefinition(pid = BulkConfiguration.PID,
        name = "ats-texting bulk texting",
        description = "How fast bulk jobs send and in which local hours. Applied at once, also to jobs under way.")
public @interface BulkConfiguration {

    String PID = "org.atstexting.texting.core.bulk";

    @AttributeDefinition(name = "Bulk sends per second",
            description = "How fast bulk jobs send, across all jobs: keep it at or below the provider's rate limit.")
    double bulkSendsPerSecond() default 1.0;

    @AttributeDefinition(name = "Quiet hours: sending starts",
            description = "Bulk jobs text only from this local time (HH:mm) at the recipient's time zone...")
    String sendWindowStart() default "08:00";

    @AttributeDefinition(name = "Quiet hours: sending ends",
            description = "...until this local time (HH:mm); outside the window bulk jobs wait. Equal start and end "
                    + "turns quiet hours off. Single texts are never delayed.")
    String sendWindowEnd() default "20:00";

    @AttributeDefinition(name = "Quiet hours: time zone",
            description = "Time zone of recipients whose zone is not known from their number, e.g. America/New_York. "
                    + "Empty means the system's time zone.")
    String sendWindowZone() default "";

    @AttributeDefinition(name = "Claim lease (seconds)",
            description = "How long a node holds the recipients it claimed (on the database's clock). A node that "
                    + "dies holds them this long: then another node texts its pending recipients and looks up "
                    + "its texts under way. At least 10.")
    int claimSeconds() default 120;

    @AttributeDefinition(name = "Node id",
            description = "This node's name in claims: different on every node sharing a database, the same after "
                    + "a restart (a node takes its own claims back at once). Empty: the framework property "
                    + "atstexting.node.id, else an id made once and kept in the bundle's data area.")
    String nodeId() default "";
}
