package org.atstexting.texting.textus.internal;

import java.util.Locale;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryFailure.Reason;
import org.atstexting.texting.DeliveryStatus;

/**
 * TextUs's {@code deliveryState} on the core's forward-only {@link DeliveryStatus}, and the
 * reason a recruiter can read for a text that did not arrive.
 * <p>
 * Unconfirmed, chosen here: the state words ({@code queued}, {@code sending}, {@code sent},
 * {@code delivered}, {@code failed}, {@code unknown}, {@code received}) and a failed message's
 * {@code errorCode}. An {@code unknown} state (the carrier never confirmed) counts as sent: it
 * left TextUs, and a later {@code delivered} may still come. Words we do not know are
 * {@code QUEUED}, which never moves a text backwards.
 */
final class TextusStatus {

    private TextusStatus() {
    }

    static DeliveryStatus of(String deliveryState) {
        if (deliveryState == null) {
            return DeliveryStatus.QUEUED;
        }
        return switch (deliveryState.toLowerCase(Locale.ROOT)) {
            case "sent", "unknown" -> DeliveryStatus.SENT;
            case "delivered" -> DeliveryStatus.DELIVERED;
            case "failed", "undelivered", "blocked", "rejected" -> DeliveryStatus.FAILED;
            case "received" -> DeliveryStatus.RECEIVED;
            default -> DeliveryStatus.QUEUED;
        };
    }

    /**
     * A reason for a failed or undelivered text that a recruiter understands, with TextUs's own
     * code kept for support, e.g. "The number is a landline and cannot receive texts (TextUs code
     * landline)".
     */
    static String reason(String errorCode, String state) {
        String code = errorCode == null || errorCode.isBlank() ? null : errorCode.strip();
        String readable = code == null ? null : switch (code.toLowerCase(Locale.ROOT)) {
            case "invalid_number", "invalid_phone_number", "invalid" -> "The number is not a valid phone number";
            case "landline", "not_mobile" -> "The number is a landline and cannot receive texts";
            case "unreachable", "unreachable_handset", "handset_unavailable", "unknown_subscriber" ->
                "The phone could not be reached (switched off, out of coverage or no longer in service)";
            case "carrier_blocked", "blocked", "carrier_filtered", "filtered", "spam" ->
                "The recipient's carrier blocked or filtered the text";
            case "opted_out", "unsubscribed" -> "The recipient opted out of texts from this account";
            case "sender_not_registered", "unregistered_sender", "campaign_not_registered", "10dlc_unregistered" ->
                "The sending number is not registered for business texting (10DLC/toll-free verification)";
            default -> "TextUs could not deliver the text";
        };
        if (readable == null) {
            return "unknown".equalsIgnoreCase(state)
                    ? "The carrier never confirmed delivery (TextUs state unknown)"
                    : "TextUs could not deliver the text and gave no reason";
        }
        return readable + " (TextUs code " + code + ")";
    }

    /**
     * The typed failure of a failed text: the plain reason for TextUs's {@code errorCode} (the
     * same words {@link #reason} reads), the code kept for support, and the readable sentence as
     * the detail.
     */
    static DeliveryFailure failure(String errorCode, String state) {
        String code = errorCode == null || errorCode.isBlank() ? null : errorCode.strip();
        Reason reason = code == null ? Reason.UNKNOWN : switch (code.toLowerCase(Locale.ROOT)) {
            case "invalid_number", "invalid_phone_number", "invalid" -> Reason.INVALID_NUMBER;
            case "landline", "not_mobile" -> Reason.NOT_MOBILE;
            case "unreachable", "unreachable_handset", "handset_unavailable", "unknown_subscriber" -> Reason.UNREACHABLE;
            case "carrier_blocked", "blocked" -> Reason.BLOCKED;
            case "carrier_filtered", "filtered", "spam" -> Reason.FILTERED;
            case "opted_out", "unsubscribed" -> Reason.OPTED_OUT;
            case "sender_not_registered", "unregistered_sender", "campaign_not_registered", "10dlc_unregistered" ->
                Reason.SENDER_NOT_REGISTERED;
            default -> Reason.UNKNOWN;
        };
        return new DeliveryFailure(reason, code, reason(errorCode, state));
    }
}
