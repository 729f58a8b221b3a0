package org.atstexting.fake.twilio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Twilio fake, PID {@code org.atstexting.twilio.fake}. */
@ObjectClassDefinition(
        name = "Twilio fake",
        description = "A loopback fake of Twilio's Messages API for demos and tests. It never reaches Twilio; "
                + "do not deploy it to production.")
public @interface FakeConfig {

    @AttributeDefinition(
            name = "Accounts",
            description = "Demo accounts of this fake server, each 'AccountSid:AuthToken'. These are not real "
                    + "Twilio credentials.")
    String[] accounts() default {
        "AC00000000000000000000000000000100:fake-token-system",
        "AC00000000000000000000000000000101:fake-token-alice",
        "AC00000000000000000000000000000102:fake-token-bob" };
}
