package org.atstexting.host.reference.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the reference host's HTTP login (PID {@value #PID}). */
@ObjectClassDefinition(
        id = HttpLoginConfig.PID,
        name = "ATS texting reference host: HTTP login",
        description = "How the reference host authenticates calls to texting's JSON endpoints (under /ats). "
                + "A real host uses its own login instead.")
@interface HttpLoginConfig {

    String PID = "org.atstexting.reference.host.http";

    @AttributeDefinition(name = "User password", type = AttributeType.PASSWORD,
            description = "The password every reference-host user signs in with over HTTP Basic "
                    + "(the reference host keeps no per-user passwords; demo use only).")
    String userPassword() default "demo";

    @AttributeDefinition(name = "Print the demo logins",
            description = "At start, print that the demo's logins (the web console's admin/admin, the ATS pages' "
                    + "users with this password) are for the demo only, and where to change them.")
    boolean printDemoNotice() default true;
}
