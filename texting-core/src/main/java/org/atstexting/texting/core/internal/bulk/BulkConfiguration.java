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
}
