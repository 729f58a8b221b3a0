package org.atstexting.texting;

import java.util.Objects;

/**
 * Why a text failed or was not delivered, in words a recruiter understands, with the
 * provider's own code kept for support.
 *
 * @param reason       the plain reason
 * @param providerCode the provider's error code (e.g. Twilio's {@code 30006}), or {@code null} when it gave none
 * @param detail       the provider's own words, sanitised and at most {@value #MAX_DETAIL} characters, or {@code null}
 */
public record DeliveryFailure(Reason reason, String providerCode, String detail) {

    /** The longest detail kept; providers' error texts are cut to it. */
    public static final int MAX_DETAIL = 200;

    /** The plain reasons a failed text can have. */
    public enum Reason {
        /** The number does not exist or is not in service. */
        INVALID_NUMBER("The number is not valid or not in service."),
        /** The number is a landline or cannot receive texts. */
        NOT_MOBILE("The number is a landline or cannot receive texts."),
        /** The handset was off or out of reach; trying again later may work. */
        UNREACHABLE("The phone could not be reached; it may be off or out of coverage."),
        /** The carrier or the recipient blocked the text. */
        BLOCKED("The carrier or the recipient blocked the text."),
        /** The carrier filtered the text (spam filtering: content or sender registration). */
        FILTERED("The carrier filtered the text as spam; check the wording and the sender's registration."),
        /** The recipient opted out (texted STOP); nothing is sent until they text START. */
        OPTED_OUT("The recipient opted out of texts."),
        /** The sender is not registered as the carriers require (US A2P 10DLC); an admin must fix it. */
        SENDER_NOT_REGISTERED("The sending number is not registered for business texting; an admin must register it."),
        /** The provider refused the text for another reason it named. */
        REJECTED("The texting provider refused the text."),
        /** The provider gave no usable reason. */
        UNKNOWN("The texting provider did not say why the text failed.");

        private final String plain;

        Reason(String plain) {
            this.plain = plain;
        }

        /** The sentence shown to a recruiter on the record. */
        public String plain() {
            return plain;
        }
    }

    public DeliveryFailure {
        Objects.requireNonNull(reason, "reason");
        if (detail != null) {
            detail = detail.replaceAll("\\p{Cntrl}", " ").strip();
            if (detail.length() > MAX_DETAIL) {
                detail = detail.substring(0, MAX_DETAIL);
            }
        }
    }

    /** The sentence for the record: the plain reason, and the provider's code for support. */
    public String describe() {
        return providerCode == null ? reason.plain() : reason.plain() + " (code " + providerCode + ")";
    }
}
