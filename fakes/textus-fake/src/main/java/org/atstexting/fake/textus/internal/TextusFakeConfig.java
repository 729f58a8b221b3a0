package org.atstexting.fake.textus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the TextUs fake, PID {@code org.atstexting.textus.fake}. */
@ObjectClassDefinition(
        name = "TextUs fake",
        description = "A strict loopback fake of the TextUs Next API for demos and tests. It never reaches TextUs; "
                + "do not deploy it to production.")
public @interface TextusFakeConfig {

    @AttributeDefinition(name = "Accounts",
            description = "Demo accounts, each 'slug:+E164 number'. Not real TextUs accounts.")
    String[] accounts() default { "acme-staffing:+12065550100" };

    @AttributeDefinition(name = "Users",
            description = "Demo users with their API tokens, each 'account:userId:token'. Not real TextUs tokens.")
    String[] users() default {
        "acme-staffing:ada_admin:textus-token-system",
        "acme-staffing:alice_r:textus-token-alice",
        "acme-staffing:bob_r:textus-token-bob" };

    @AttributeDefinition(name = "Rate limit",
            description = "Requests per token per five minutes (TextUs: 1,000); lower it to see 429 and Retry-After.")
    int rateLimit() default 1000;
}
