package org.atstexting.texting;

/**
 * The EventAdmin topics on which ats-texting announces texts, and the event properties.
 * Subscribe with {@code event.topics=org/atstexting/message/*}. Each text is announced
 * once per topic, whichever path (send, webhook, poll) brought it.
 */
public final class TextingEvents {

    /** A text was sent (accepted by the provider). */
    public static final String SENT = "org/atstexting/message/SENT";
    /** A text was received. */
    public static final String RECEIVED = "org/atstexting/message/RECEIVED";
    /** A sent text's delivery status moved forward. */
    public static final String STATUS_CHANGED = "org/atstexting/message/STATUS_CHANGED";
    /** A text failed: the provider refused it, or reported it undeliverable. */
    public static final String FAILED = "org/atstexting/message/FAILED";

    /** Property: the {@link TextMessage#key()} (String). */
    public static final String MESSAGE_KEY = "message.key";
    /** Property: the provider's key (String). */
    public static final String PROVIDER = "provider";
    /** Property: the provider's message id (String), when there is one. */
    public static final String PROVIDER_MESSAGE_ID = "provider.message.id";
    /** Property: {@link Direction} name (String). */
    public static final String DIRECTION = "direction";
    /** Property: sender number, E.164 (String). */
    public static final String FROM = "from";
    /** Property: recipient number, E.164 (String). */
    public static final String TO = "to";
    /** Property: the host user who sent it or whose account received it (String), when known. */
    public static final String USER_ID = "user.id";
    /** Property: {@link DeliveryStatus} name (String). */
    public static final String STATUS = "status";
    /** Property: why it failed (String), on {@link #FAILED}: the plain sentence when the provider gave a reason. */
    public static final String REASON = "reason";
    /** Property: the {@link DeliveryFailure.Reason} name (String), on {@link #FAILED}, when the provider gave one (since 2.0). */
    public static final String FAILURE = "failure";
    /** Property: the provider's error code (String), on {@link #FAILED}, when it gave one (since 2.0). */
    public static final String PROVIDER_CODE = "provider.code";

    private TextingEvents() {
    }
}
