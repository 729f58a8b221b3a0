package org.atstexting.texting.zipwhip.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The provider's configuration, PID {@value #PID}. Every change takes effect at once
 * (the component's {@code @Modified} swaps the client; calls already under way finish on
 * the old one). Nothing secret lives here: passwords are the core's, session keys stay in
 * memory and webhook secrets in the bundle's data area.
 */
@ObjectClassDefinition(
        name = "ats-texting Zipwhip provider",
        description = "Connection to Zipwhip's HTTP API. Zipwhip's service was shut down in December 2022; "
                + "point the API base URL at the bundled sandbox to try the integration.")
public @interface ZipwhipConfiguration {

    String PID = "org.atstexting.zipwhip";

    @AttributeDefinition(name = "Enabled",
            description = "When off, every send and test through Zipwhip is refused with \"Zipwhip is disabled\"; "
                    + "nothing stored is lost, and replies are read once it is on again.")
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

    @AttributeDefinition(name = "Attempts per call",
            description = "How often a login or a read is tried in all when Zipwhip cannot be reached, answers "
                    + "5xx or 429 (1 = no retry). A send is never repeated blindly: when its outcome is unknown it is "
                    + "looked up in the message list first.")
    int maxAttempts() default 3;

    @AttributeDefinition(name = "Base backoff (milliseconds)",
            description = "Wait before the first retry; it doubles with every further retry (with random jitter), "
                    + "up to 30 s. A Retry-After from Zipwhip is honoured instead, if it asks for 30 s or less.")
    int backoffMillis() default 500;

    @AttributeDefinition(name = "Inbound page size",
            description = "How many messages one message/list call asks for when reading replies (1 to 100).")
    int pageSize() default 50;

    @AttributeDefinition(name = "Inbound pages per poll",
            description = "Most message/list pages read for one account in one poll; the rest are read next time. "
                    + "How often polls run is the core's setting (org.atstexting.texting.core, polling interval).")
    int maxPagesPerPoll() default 20;

    @AttributeDefinition(name = "Sent look-up: most messages read",
            description = "When a send's outcome is unknown (a node died during it, its answer was lost), the core "
                    + "asks whether Zipwhip stored the text. Zipwhip's message list cannot be filtered by recipient, "
                    + "so the look-up reads it from the newest message back to the attempt, at most this many "
                    + "messages (in pages of the inbound page size). When more than this were sent or received since "
                    + "the attempt, the outcome is reported unknown and the text is not sent again: check the "
                    + "conversation. At least 1,000.")
    int sentLookupMaxMessages() default 50_000;

    @AttributeDefinition(name = "Public callback base URL",
            description = "Public URL at which Zipwhip reaches this host's HTTP whiteboard, e.g. "
                    + "https://ats.example.com; the webhook is installed at <this>/zipwhip/webhook. Empty: no "
                    + "webhook, replies and delivery statuses are read by polling only.")
    String callbackBaseUrl() default "";

    @AttributeDefinition(name = "Webhook check interval (minutes)",
            description = "How often each account's webhooks are checked (webhook/list) in the background: missing "
                    + "ones are installed again (e.g. after Zipwhip ended a session or restarted), stale ones deleted. "
                    + "They are also checked after every new session.")
    int webhookCheckMinutes() default 15;

    @AttributeDefinition(name = "Forget unused accounts after (minutes)",
            description = "An account neither sent nor polled for this long is taken as removed: its webhooks "
                    + "are deleted, their secrets revoked and its session logged out. The core polls every account "
                    + "with credentials each polling interval, so with polling on this notices removed credentials; "
                    + "with polling off, keep it long (an account silent this long gets its webhook back with its "
                    + "next send).")
    int accountIdleMinutes() default 10080;

    @AttributeDefinition(name = "Send rate limit (texts per second)",
            description = "Most texts sent through Zipwhip per second, across all accounts; a send over the limit "
                    + "waits up to 'Send rate wait' and is then refused (nothing sent). 0: no limit.")
    int sendRatePerSecond() default 10;

    @AttributeDefinition(name = "Send rate wait (milliseconds)",
            description = "How long a send over the rate limit waits for its turn before it is refused.")
    int sendRateWaitMillis() default 5000;

    @AttributeDefinition(name = "Default region",
            description = "ISO country code for Zipwhip's 10-digit addresses, which carry no country code.")
    String defaultRegion() default "US";
}
