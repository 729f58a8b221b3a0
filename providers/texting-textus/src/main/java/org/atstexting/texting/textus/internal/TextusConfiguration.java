package org.atstexting.texting.textus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "ats-texting TextUs provider",
        description = "Connection to the TextUs Next API. API tokens are not set here: each is the password of a "
                + "system or user texting credential (the username is the TextUs user id, the phone number the "
                + "account's texting number).")
@interface TextusConfiguration {

    String PID = "org.atstexting.textus";

    @AttributeDefinition(name = "Enabled",
            description = "When off, every send and test through TextUs is refused with \"TextUs is disabled\" and "
                    + "webhook calls are answered 503; nothing stored is lost.")
    boolean enabled() default false;

    @AttributeDefinition(name = "API base URL",
            description = "Where the TextUs Next API lives, ending with '/'. TextUs does not publish one host for "
                    + "all customers: use the one TextUs gave you (e.g. https://next.textus.com/); "
                    + "http://127.0.0.1:8080/textus-fake/ for the bundled fake.")
    String apiBaseUrl() default "https://next.textus.com/";

    @AttributeDefinition(name = "Account slug",
            description = "The TextUs account texts are sent from and read, as it appears in TextUs's URLs "
                    + "(/:account/messages). Every credential of this provider must be a user of this account.")
    String accountSlug() default "";

    @AttributeDefinition(name = "Callback base URL",
            description = "The public URL of this server as TextUs reaches it (behind a proxy: the proxy's), without "
                    + "a trailing '/'. TextUs calls <callbackBaseUrl>/textus/webhook. Empty: no webhook is "
                    + "registered and replies arrive by polling only.")
    String callbackBaseUrl() default "";

    @AttributeDefinition(name = "Webhook secret", type = AttributeType.PASSWORD,
            description = "Only when an admin registered the webhook integration in TextUs by hand (e.g. one for "
                    + "all nodes of a cluster): its config.webhookSecret. Empty: the provider registers the "
                    + "integration itself and keeps the secret TextUs returns in its data area.")
    String webhookSecret() default "";

    @AttributeDefinition(name = "Connect timeout (seconds)",
            description = "How long to wait for a connection to TextUs before reporting it unreachable.")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Response timeout (seconds)",
            description = "How long to wait for TextUs's answer once connected. A send whose answer does not come "
                    + "in time is looked up in its conversation, never sent again blindly.")
    int responseTimeoutSeconds() default 30;

    @AttributeDefinition(name = "Texts per poll",
            description = "Most inbound texts one poll hands over per account. A backlog beyond it is not lost: the "
                    + "poll says there is more and the core reads on at once from the oldest text not handed over.")
    int maxTextsPerPoll() default 500;

    @AttributeDefinition(name = "Pages per poll",
            description = "Most collection pages (conversations and their messages) one poll reads, so a poll "
                    + "cannot eat the rate limit; a poll that reaches it fails and is repeated later.")
    int maxPagesPerPoll() default 200;

    @AttributeDefinition(name = "Opt-out list check (minutes)",
            description = "How often each account's TextUs opt-out list is read into the opt-out registry (the "
                    + "contact.opted_out webhook brings them at once; this is the safety net). 0: never.")
    int optOutSyncMinutes() default 60;

    @AttributeDefinition(name = "Longest wait for the rate limit (seconds)",
            description = "TextUs allows 1,000 requests per 5 minutes per token. When X-RateLimit-Remaining says "
                    + "none are left, a call waits for X-RateLimit-Reset at most this long; beyond it the call is "
                    + "refused (nothing sent) with the time to try again.")
    int maxRateWaitSeconds() default 5;
}
