package org.atstexting.texting.twilio.internal;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryFailure.Reason;

/**
 * Twilio's error codes on the plain reasons a recruiter reads. Twilio asks integrators not
 * to build logic on its error texts, so only the code decides; the text is kept as detail.
 * The table is the fact sheet's (twilio-api.md, "Error codes worth a plain reason").
 */
public final class TwilioErrors {

    /** The recipient replied STOP to this sender or Messaging Service. */
    public static final int OPTED_OUT = 21610;
    /** Too many concurrent requests: not processed, safe to send again later. */
    public static final int TOO_MANY_REQUESTS = 20429;

    private TwilioErrors() {
    }

    /** The reason for a Twilio error code; codes outside the table are {@link Reason#UNKNOWN} (or REJECTED on create). */
    public static Reason reason(int code, boolean refusedAtCreate) {
        return switch (code) {
            case OPTED_OUT -> Reason.OPTED_OUT;
            case 21211, 21614, 30005 -> Reason.INVALID_NUMBER; // 21614: "To" is not a mobile number per Twilio's docs
            case 30006 -> Reason.NOT_MOBILE;
            case 30003, 30008 -> Reason.UNREACHABLE; // transient: the record says so; the core does not resend
            case 30004 -> Reason.BLOCKED;
            case 30007 -> Reason.FILTERED;
            case 30034 -> Reason.SENDER_NOT_REGISTERED; // the code is unconfirmed; the block itself is confirmed
            default -> refusedAtCreate ? Reason.REJECTED : Reason.UNKNOWN;
        };
    }

    /** The failure for a code (0 or less: none given) and Twilio's own words (may be {@code null}). */
    public static DeliveryFailure failure(int code, String twilioText, boolean refusedAtCreate) {
        return new DeliveryFailure(code > 0 ? reason(code, refusedAtCreate) : Reason.UNKNOWN,
                code > 0 ? Integer.toString(code) : null, twilioText);
    }

    /** Reads an {@code ErrorCode}/{@code error_code} value; anything that is not a positive number is 0. */
    public static int code(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
