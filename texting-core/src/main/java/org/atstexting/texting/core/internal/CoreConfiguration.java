package org.atstexting.texting.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "ats-texting core",
        description = "How the texting service sends texts and reads replies for every provider.")
@interface CoreConfiguration {

    String PID = "org.atstexting.texting.core";

    @AttributeDefinition(name = "Default region",
            description = "ISO country code used to read phone numbers typed without a country code, e.g. US.")
    String defaultRegion() default "US";

    @AttributeDefinition(name = "Maximum body length",
            description = "Longest text, in characters, the service accepts (about 10 SMS segments at 1600).")
    int maxBodyLength() default 1600;

    @AttributeDefinition(name = "Reply polling interval (seconds)",
            description = "How often every account's inbound texts are read from its provider; 0 turns polling off.")
    int pollIntervalSeconds() default 30;

    @AttributeDefinition(name = "Credential key file",
            description = "File holding the AES key that encrypts provider passwords. Keep it away from the data "
                    + "directory and its backups; it is created (owner-only) if missing. Empty means "
                    + "~/.ats-texting/credentials.key.")
    String keyFile() default "";
}
