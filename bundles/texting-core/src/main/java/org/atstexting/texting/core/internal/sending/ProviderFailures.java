package org.atstexting.texting.core.internal.sending;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.spi.ProviderException;

/** Maps a provider's failure kinds onto the reasons the texting API promises its callers. */
final class ProviderFailures {

    private ProviderFailures() {
    }

    static TextingException toTextingException(String provider, ProviderException e) {
        if (e.kind() == ProviderException.Kind.THROTTLED) {
            // nothing was sent: safe to send again later (not an ambiguous error to look up)
            return new ThrottledException(e.getMessage(), e.retryAfter().orElse(null), e);
        }
        Reason reason = switch (e.kind()) {
            case DISABLED, NOT_CONFIGURED -> Reason.PROVIDER_UNAVAILABLE;
            case BAD_CREDENTIALS -> Reason.BAD_CREDENTIALS;
            case REJECTED -> Reason.INVALID_INPUT;
            case OPTED_OUT -> Reason.OPTED_OUT;
            case THROTTLED -> Reason.PROVIDER_UNAVAILABLE;
            case UNREACHABLE, ERROR, OUTCOME_UNKNOWN -> Reason.PROVIDER_ERROR;
        };
        return new TextingException(reason, e.getMessage(), e);
    }
}
