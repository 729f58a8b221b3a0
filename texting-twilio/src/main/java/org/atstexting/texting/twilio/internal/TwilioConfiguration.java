package org.atstexting.texting.twilio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "ats-texting Twilio provider",
        description = "Connection to Twilio's Programmable Messaging API. Account SID and Auth Token are not set "
                + "here: they are the username and password of the system and user texting credentials.")
@interface TwilioConfiguration {

    String PID = "org.atstexting.twilio";

    @AttributeDefinition(name = "Enabled",
            description = "When off, every send and test through Twilio is refused with \"Twilio is disabled\"; "
                    + "nothing stored is lost.")
    boolean enabled() default false;

    @AttributeDefinition(name = "API base URL",
            description = "Where Twilio's REST API lives, ending with '/': https://api.twilio.com/ for Twilio, "
                    + "http://127.0.0.1:8080/twilio-fake/ for the bundled fake.")
    String apiBaseUrl() default "https://api.twilio.com/";

    @AttributeDefinition(name = "Connect timeout (seconds)",
            description = "How long to wait for a connection to Twilio before reporting it unreachable.")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Response timeout (seconds)",
            description = "How long to wait for Twilio's answer once connected.")
    int responseTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Inbound page size",
            description = "How many messages one list call asks for (Twilio's PageSize, at most 1000) when reading replies.")
    int pageSize() default 50;

    @AttributeDefinition(name = "Inbound pages per poll",
            description = "Most list pages read for one account in one poll. A backlog beyond them is not lost: the "
                    + "poll says there is more and the core reads on at once from where it stopped.")
    int maxPagesPerPoll() default 10;
}
