package org.atstexting.sandbox.zipwhip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the Zipwhip sandbox, PID {@code org.atstexting.zipwhip.sandbox}. Applied live. */
@ObjectClassDefinition(
        name = "Zipwhip sandbox",
        description = "A loopback fake of Zipwhip's HTTP API for demos and tests. It never reaches Zipwhip "
                + "(which no longer runs); do not deploy it to production. Changes apply at once and keep "
                + "the sandbox's messages and sessions.")
@interface SandboxConfig {

    @AttributeDefinition(
            name = "Accounts",
            description = "Demo accounts of this fake server, each 'username:password', the username being the "
                    + "account's 10-digit phone number. These are not real Zipwhip credentials. Adding an entry or "
                    + "changing a password applies at once; a removed entry stays until the bundle restarts.")
    String[] accounts() default { "2065550100:sandbox-system", "2065550101:sandbox-alice", "2065550102:sandbox-bob" };

    @AttributeDefinition(
            name = "Empty outbound addresses",
            description = "Send outbound messages with empty sourceAddress and destAddress (in message/list, "
                    + "message/get and webhook bodies), as Zipwhip may have. 'address', 'type' and "
                    + "'transmissionState' stay.")
    boolean outboundAddressesEmpty() default false;

    @AttributeDefinition(
            name = "Date format",
            description = "How dateCreated and lastUpdated are written; Zipwhip's format is not confirmed.",
            options = {
                    @Option(label = "ISO-8601 with milliseconds (2026-12-01T23:37:53.123Z)", value = "ISO_8601"),
                    @Option(label = "Zipwhip's Java client pattern, whole seconds (Dec 1, 2026 11:37:53 PM)",
                            value = "ZIPWHIP_CLIENT_PATTERN") })
    String dateStyle() default "ISO_8601";

    @AttributeDefinition(
            name = "Refused webhook events",
            description = "Event types webhook/add refuses (success:false), e.g. 'progress'; Zipwhip may accept "
                    + "one event and refuse another. Leave empty to accept all.",
            required = false)
    String[] refusedWebhookEvents() default {};

    @AttributeDefinition(
            name = "Webhooks survive sessions",
            description = "Keep a webhook when the session that installed it ends (logout or expiry). Untick to "
                    + "drop it then, as Zipwhip may have.")
    boolean webhooksSurviveSessions() default true;

    @AttributeDefinition(
            name = "Password change ends sessions",
            description = "End an account's sessions when its password changes here.")
    boolean passwordChangeEndsSessions() default false;
}
