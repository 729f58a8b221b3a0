package org.atstexting.texting.textus.internal;

import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;

/** TextUs's error answers as the SPI's kinds, with TextUs's own words and code (never the token). */
final class TextusFailures {

    private TextusFailures() {
    }

    static ProviderException of(TextusApi.Reply reply, ProviderCredentials credentials, String what) {
        return switch (reply.status()) {
            case 401 -> new ProviderException(Kind.BAD_CREDENTIALS, "TextUs refused the API token of user "
                    + credentials.username() + " (HTTP 401): it is wrong or was revoked");
            case 403 -> new ProviderException(Kind.BAD_CREDENTIALS, "TextUs user " + credentials.username()
                    + " may not use this account (HTTP 403: " + reply.errorText() + ")");
            case 400, 422 -> new ProviderException(Kind.REJECTED, "TextUs refused " + what + ": " + reply.errorText());
            case 404 -> new ProviderException(Kind.ERROR, "TextUs has no such resource for " + what
                    + " (HTTP 404); check the account slug and the API base URL");
            default -> new ProviderException(Kind.ERROR, "TextUs answered " + what + " with HTTP " + reply.status()
                    + ": " + reply.errorText());
        };
    }
}
