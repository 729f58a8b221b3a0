package org.atstexting.texting.zipwhip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "ats-texting Zipwhip provider",
        description = "Connection to Zipwhip's HTTP API. Zipwhip's service was shut down in December 2022; "
                + "point the API base URL at the bundled sandbox to try the integration.")
@interface ZipwhipConfiguration {

    String PID = "org.atstexting.zipwhip";

    @AttributeDefinition(name = "Enabled",
            description = "When off, every send and test through Zipwhip is refused with \"Zipwhip is disabled\"; "
                    + "nothing stored is lost.")
    boolean enabled() default false;

    @AttributeDefinition(name = "API base URL",
            description = "Where Zipwhip's methods live, ending with '/': https://api.zipwhip.com/ for Zipwhip, "
                    + "http://127.0.0.1:8080/zipwhip-sandbox/ for the bundled sandbox.")
    String apiBaseUrl() default "https://api.zipwhip.com/";

    @AttributeDefinition(name = "Connect timeout (seconds)",
            description = "How long to wait for a connection to Zipwhip before reporting it unreachable.")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Response timeout (seconds)",
            description = "How long to wait for Zipwhip's answer once connected (Zipwhip's own client used 45).")
    int responseTimeoutSeconds() default 45;

    @AttributeDefinition(name = "Inbound page size",
            description = "How many messages one message/list call asks for when reading replies.")
    int pageSize() default 50;

    @AttributeDefinition(name = "Inbound pages per poll",
            description = "Most message/list pages read for one account in one poll; the rest are read next time.")
    int maxPagesPerPoll() default 20;

    @AttributeDefinition(name = "Default region",
            description = "ISO country code for Zipwhip's 10-digit addresses, which carry no country code.")
    String defaultRegion() default "US";
}
