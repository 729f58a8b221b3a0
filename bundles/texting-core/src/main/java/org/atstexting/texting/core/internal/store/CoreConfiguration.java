package org.atstexting.texting.core.internal.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(pid = CoreConfiguration.PID,
        name = "ats-texting core",
        description = "How the texting service reads numbers, keeps credentials, sends texts and reads replies for "
                + "every provider. Bulk jobs have their own configuration (ats-texting bulk texting). Every "
                + "setting but the key file applies at once, without restarting anything.")
public @interface CoreConfiguration {

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

    @AttributeDefinition(name = "Reply polling: batches per account per round",
            description = "Most batches (provider reads) one account gets in one polling round before the other "
                    + "accounts have their turn. A provider that stops at its own per-read limit says so, and "
                    + "the next round then starts at once (a quarter second later) instead of after the "
                    + "interval, so a backlog of any size is read completely, oldest first. Applied without "
                    + "a restart.")
    int pollBatchesPerRound() default 5;

    @AttributeDefinition(name = "Credential key file",
            description = "File holding the AES key that encrypts provider passwords. Keep it away from the data "
                    + "directory and its backups; it is created (owner-only) if missing. Empty means "
                    + "the framework property atstexting.credentials.keyFile, else in Karaf "
                    + "${karaf.etc}/ats-texting/credentials.key, else <user.home>/.ats-texting/credentials.key "
                    + "(Java's user.home is the OS user's home, not $HOME: shared by every instance of that user).")
    String keyFile() default "";

    @AttributeDefinition(name = "Credential key", type = AttributeType.PASSWORD,
            description = "The AES-256 key that encrypts provider passwords, as Base64 of 32 bytes (e.g. from "
                    + "'openssl rand -base64 32'). Give every node the same key; when set, the key file is not used. "
                    + "Empty means the key file above.")
    String credentialKey() default "";

    @AttributeDefinition(name = "Previous credential key", type = AttributeType.PASSWORD,
            description = "While changing keys: the key used until now (Base64). Passwords it sealed are still "
                    + "read; 'texting:rotatekey' re-encrypts them all with the current key, then remove this.")
    String previousCredentialKey() default "";

    @AttributeDefinition(name = "Previous credential key file",
            description = "While changing keys: the file of the key used until now, if it was kept in a file. "
                    + "As above, remove after 'texting:rotatekey' reports every password re-encrypted.")
    String previousKeyFile() default "";

    @AttributeDefinition(name = "Help reply",
            description = "What a number that texts HELP or INFO gets back. Empty sends nothing.")
    String helpReply() default "ats-texting: texts from our recruiting team. Reply STOP to opt out. "
            + "Msg & data rates may apply.";

    @AttributeDefinition(name = "Opt-out confirmation",
            description = "The one text a number gets after it opts out (STOP, UNSUBSCRIBE, ...). Empty sends nothing.")
    String optOutConfirmation() default "You have been unsubscribed and will get no more texts from us. "
            + "Reply START to resubscribe.";

    @AttributeDefinition(name = "Opt-in confirmation",
            description = "The text a number gets after it opts back in (START, UNSTOP, YES). Empty sends nothing.")
    String optInConfirmation() default "You have been resubscribed. Reply STOP to opt out.";

    @AttributeDefinition(name = "Help reply: minutes between replies to one number",
            description = "A number that texts HELP or INFO again within this many minutes of its last help "
                    + "reply gets no new reply (its texts are still recorded), so a looping phone or a prank "
                    + "cannot make the account text without end. 0 answers every HELP. Applied without a restart.")
    int helpReplyIntervalMinutes() default 10;

    @AttributeDefinition(name = "Send checks from memory (milliseconds)",
            description = "How long this node answers a send's checks (has the number opted out, which credentials "
                    + "has the sender) from its memory after it last read the shared database's change log; a send "
                    + "then needs no database read. Every opt-out, opt-in and credential change is confirmed to "
                    + "whoever made it (a webhook's answer, an admin's screen) only this long after it was saved, "
                    + "so from that moment every node acts on it. Longer means fewer reads of the change log "
                    + "(about four a second at 250) and slower confirmations. 0: every send reads the database. "
                    + "At most 5000. Applied without a restart.")
    int sendCheckMemoryMillis() default 250;
}
