package org.atstexting.sandbox.zipwhip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Zipwhip sandbox, PID {@code org.atstexting.zipwhip.sandbox}. */
@ObjectClassDefinition(
        name = "Zipwhip sandbox",
        description = "A loopback fake of Zipwhip's HTTP API for demos and tests. It never reaches Zipwhip "
                + "(which no longer runs); do not deploy it to production.")
public @interface SandboxConfig {

    @AttributeDefinition(
            name = "Accounts",
            description = "Demo accounts of this fake server, each 'username:password', the username being the "
                    + "account's 10-digit phone number. These are not real Zipwhip credentials.")
    String[] accounts() default { "2065550100:sandbox-system", "2065550101:sandbox-alice", "2065550102:sandbox-bob" };
}
