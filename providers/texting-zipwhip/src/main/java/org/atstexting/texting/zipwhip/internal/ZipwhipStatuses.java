package org.atstexting.texting.zipwhip.internal;

import java.util.Locale;
import java.util.Optional;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.StatusUpdate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Zipwhip's {@code transmissionState} on the forward-only {@link DeliveryStatus}, and why a text failed. */
final class ZipwhipStatuses {

    private ZipwhipStatuses() {
    }

    /**
     * The delivery status Zipwhip reports in {@code transmissionState.name}: QUEUED, SENT,
     * DELIVERED map to ours, ERROR and FAILED to {@link DeliveryStatus#FAILED}. The set is
     * open: a name we do not know (or none) is empty, and ignored by the callers.
     */
    static Optional<DeliveryStatus> of(JsonObject message) {
        JsonElement state = message.get("transmissionState");
        String name = null;
        if (state != null && state.isJsonObject()) {
            name = ZipwhipMessages.text(state.getAsJsonObject(), "name");
        } else if (state != null && state.isJsonPrimitive()) {
            name = state.getAsString(); // tolerated: a bare name
        }
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toUpperCase(Locale.ROOT)) {
            case "QUEUED" -> Optional.of(DeliveryStatus.QUEUED);
            case "SENT" -> Optional.of(DeliveryStatus.SENT);
            case "DELIVERED" -> Optional.of(DeliveryStatus.DELIVERED);
            case "ERROR", "FAILED" -> Optional.of(DeliveryStatus.FAILED);
            default -> Optional.empty();
        };
    }

    /** A status update for an outbound message, if its state is one we know; a failed one says why. */
    static Optional<StatusUpdate> statusUpdate(JsonObject message) {
        long id = ZipwhipMessages.id(message);
        if (id < 0) {
            return Optional.empty();
        }
        return of(message).map(s -> {
            DeliveryFailure failure = s == DeliveryStatus.FAILED ? failure(message) : null;
            return new StatusUpdate(Long.toString(id), s, failure == null ? null : reasonText(message),
                    ZipwhipDates.updated(message), failure);
        });
    }

    /**
     * Why Zipwhip failed a text: its {@code statusCode} kept for support and its {@code statusDesc}
     * as the detail. What the codes mean is not confirmed (zipwhip-api.md names the fields only),
     * so the plain reason is {@link DeliveryFailure.Reason#UNKNOWN} unless the words say it plainly.
     */
    static DeliveryFailure failure(JsonObject message) {
        String desc = ZipwhipMessages.text(message, "statusDesc");
        String code = ZipwhipMessages.text(message, "statusCode");
        return new DeliveryFailure(reason(desc), code == null || code.isBlank() ? null : code.strip(),
                desc == null || desc.isBlank() ? "Zipwhip reported the text as failed" : desc);
    }

    /** Zipwhip's own words for the record, e.g. "Error (Zipwhip status code 1)". */
    private static String reasonText(JsonObject message) {
        String desc = ZipwhipMessages.text(message, "statusDesc");
        String code = ZipwhipMessages.text(message, "statusCode");
        if (desc == null || desc.isBlank()) {
            return code == null ? "Zipwhip reported the text as failed" : "Zipwhip status code " + code;
        }
        return code == null ? desc : desc + " (Zipwhip status code " + code + ")";
    }

    /** Words in Zipwhip's description that name a reason plainly; anything else is UNKNOWN. */
    private static DeliveryFailure.Reason reason(String desc) {
        String d = desc == null ? "" : desc.toLowerCase(Locale.ROOT);
        if (d.contains("landline")) {
            return DeliveryFailure.Reason.NOT_MOBILE;
        }
        if (d.contains("invalid") && d.contains("number")) {
            return DeliveryFailure.Reason.INVALID_NUMBER;
        }
        if (d.contains("opted out") || d.contains("unsubscribed")) {
            return DeliveryFailure.Reason.OPTED_OUT;
        }
        if (d.contains("blocked")) {
            return DeliveryFailure.Reason.BLOCKED;
        }
        return DeliveryFailure.Reason.UNKNOWN;
    }
}
