package org.atstexting.fake.twilio;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What tests and the demo do with the fake: look at what it received, deliver replies,
 * move a message's status, and switch on faults.
 */
@ProviderType
public interface TwilioFake {

    /** Where the fake lives on the HTTP whiteboard; the API is under it, e.g. {@code /twilio-fake/2010-04-01/...}. */
    String BASE_PATH = "/twilio-fake/";

    /** Adds (or replaces) an account the fake accepts. */
    void addAccount(String accountSid, String authToken);

    /**
     * A text from a phone to one of the account's numbers arrives, as Twilio would record it.
     *
     * @return the new message's sid
     */
    String deliverInbound(String accountSid, String from, String to, String body);

    /**
     * A burst of texts arrives, {@code perSecond} texts a second from the fake's present on
     * (dated as Twilio would date them, one-second precision); texts delivered afterwards are
     * dated after the burst, so the list stays newest first. Much faster than one call each.
     *
     * @return the new messages' sids, in the order given
     * @since 1.1
     */
    java.util.List<String> deliverInbound(String accountSid, java.util.List<FakeInbound> texts, int perSecond);

    /** Moves a message to another Twilio status (e.g. {@code delivered}, {@code undelivered}). */
    void setStatus(String messageSid, String status, Integer errorCode);

    /** The next {@code times} requests are answered with HTTP {@code status} and Twilio's error body. */
    void failNext(int status, int times);

    /**
     * The next {@code times} texts created through the API are stored (they go out), then
     * answered with HTTP 500: the answer was lost, the outcome unknown to the client.
     *
     * @since 1.1
     */
    void sendThenFail(int times);

    /** Every message of the account, oldest first. */
    List<FakeMessage> messages(String accountSid);

    /** Outbound messages created through the API, oldest first. */
    List<FakeMessage> sent();

    /** Every request received, oldest first. */
    List<FakeCall> calls();

    /** Forgets messages, calls, webhooks made, opt-outs and faults; keeps the accounts, services and URLs. */
    void reset();

    /**
     * Adds a Messaging Service of the account; texts sent through it go out from {@code senderNumber}
     * (a pool of one) and start {@code accepted}.
     *
     * @since 1.2
     */
    void addMessagingService(String accountSid, String serviceSid, String senderNumber);

    /**
     * The number's incoming-message URL (as set on a Twilio number): each text delivered to
     * the number is then also posted there, signed. {@code null} removes it.
     *
     * @since 1.2
     */
    void setIncomingUrl(String number, String url);

    /**
     * A text arrives (with media and an Advanced Opt-Out type, if given) and is posted to the
     * number's incoming URL, if any.
     *
     * @return the new message's sid
     * @since 1.2
     */
    String deliverInbound(String accountSid, FakeInbound text);

    /** The recipient replied STOP: later sends from the account to it are refused with 21610. @since 1.2 */
    void optOut(String accountSid, String number);

    /** The next {@code times} requests are answered with HTTP {@code status} and Twilio error {@code code}. @since 1.2 */
    void failNext(int status, int code, int times);

    /** How webhook calls misbehave from now on. @since 1.2 */
    void webhookFault(WebhookFault fault);

    /** Sends the webhook calls held back ({@link WebhookFault#HOLD}), in order or reversed. @since 1.2 */
    void releaseWebhooks(boolean reversed);

    /** Every webhook call made (and held back), with what the far side answered. @since 1.2 */
    List<FakeWebhook> webhooks();

    /**
     * When on, every created text moves on by itself, with status callbacks: sent, then
     * delivered (to a number ending 0006: undelivered 30006; ending 0007: undelivered 30007).
     *
     * @since 1.2
     */
    void setAutoAdvance(boolean on);

    /** One message by sid, or {@code null}. @since 1.2 */
    FakeMessage message(String sid);

    /**
     * From now on the message list leaves out messages created less than {@code lag} ago (a
     * fetch by sid still finds them). Twilio does not promise that a message shows in its list
     * the moment it is created, so a look-up must not take "not listed" at once as "not sent".
     * {@link java.time.Duration#ZERO} (the default) lists every message at once. @since 1.3
     */
    void listLag(java.time.Duration lag);
}
