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

    @AttributeDefinition(name = "Sent history pages per poll",
            description = "How many pages of the account's sent messages (newest first) each poll reads, so a send "
                    + "whose answer was lost in a crash is found and never sent twice. They are read without a date "
                    + "filter: Twilio's DateSent filter hides texts not sent yet (queued), which are exactly the ones a "
                    + "crash recovery must see.")
    int sentHistoryPages() default 2;

    @AttributeDefinition(name = "Look-up settle time (seconds)",
            description = "How long after the earliest time the core names for a lost send (its attempt less the "
                    + "core's clock slack of 2 minutes) a look-up that does not find the text in the message list still "
                    + "answers 'cannot tell yet' rather than 'not sent'. Twilio does not promise that its list shows a "
                    + "message the moment it is created, and a request that timed out may still be processed: within "
                    + "this time the core asks again later instead of sending the text a second time. Keep it above "
                    + "the 2 minutes of slack.")
    int sentLookupSettleSeconds() default 180;

    @AttributeDefinition(name = "Messaging Services",
            description = "Which Messaging Service sends for which credentials (US A2P 10DLC registration is tied to "
                    + "one). Each entry is '<key>=<MG... sid>', the key being the credentials' phone number (E.164), "
                    + "their Account SID, or '*' for all; the number wins over the Account SID, which wins over '*'. "
                    + "Credentials without an entry send From their phone number.")
    String[] messagingServices() default {};

    @AttributeDefinition(name = "Callback base URL",
            description = "The public URL under which Twilio reaches this host's HTTP whiteboard, e.g. "
                    + "https://ats.example.com (behind a proxy: the URL Twilio calls, not this node's). Inbound texts "
                    + "come to <this>/twilio/inbound (set it as the number's or Messaging Service's incoming URL), status "
                    + "callbacks to <this>/twilio/status (set on each text). Every call is verified against this URL with "
                    + "X-Twilio-Signature. Empty: no webhooks; replies and statuses are read by polling only.")
    String callbackBaseUrl() default "";

    @AttributeDefinition(name = "Attempts on 429",
            description = "How many times a call Twilio refused with 429 (too many requests, not processed) or that "
                    + "could not connect is made in all, backing off between attempts, before the send is reported as "
                    + "throttled (retry later). A send is never repeated after it may have reached Twilio.")
    int maxAttempts() default 3;

    @AttributeDefinition(name = "Back-off base (milliseconds)",
            description = "The wait before the first repeat; it doubles each time (with jitter), at most 30 seconds, "
                    + "or Twilio's Retry-After when it gives one.")
    int retryBaseMillis() default 1000;
}
