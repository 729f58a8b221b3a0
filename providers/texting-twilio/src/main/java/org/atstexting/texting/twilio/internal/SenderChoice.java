package org.atstexting.texting.twilio.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.atstexting.texting.spi.ProviderCredentials;

/**
 * Who sends a text: a Messaging Service (what US A2P 10DLC registration is tied to; Twilio
 * then picks a number from the service's pool) or the credentials' own number as
 * {@code From}. Chosen per credentials by configuration ({@code messagingServices}): an entry
 * for the credentials' phone number wins over one for their Account SID, which wins over
 * {@code *}. Decision: configuration rather than a credential field, because the credential
 * form (username, number, password) is the same for every provider and an admin sets the
 * service once for an account, not per user.
 */
final class SenderChoice {

    private static final Logger LOG = Logger.getLogger(SenderChoice.class.getName());
    private static final Pattern SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");

    private final Map<String, String> services;

    SenderChoice(String[] entries) {
        Map<String, String> parsed = new HashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            int eq = entry == null ? -1 : entry.indexOf('=');
            String sid = eq < 0 ? "" : entry.substring(eq + 1).trim();
            if (eq <= 0 || !SERVICE_SID.matcher(sid).matches()) {
                // an admin's typo must not make texts go out from the wrong sender silently
                LOG.warning(() -> "Twilio configuration: messagingServices entry '" + sanitize(entry)
                        + "' is not '<number, Account SID or *>=MG<32 hex digits>'; it is ignored");
                continue;
            }
            parsed.put(entry.substring(0, eq).trim(), sid);
        }
        this.services = Map.copyOf(parsed);
    }

    /** The Messaging Service SID these credentials send through, or empty: send From their number. */
    Optional<String> serviceFor(ProviderCredentials credentials) {
        String sid = services.get(credentials.phoneNumber());
        if (sid == null) {
            sid = services.get(credentials.username());
        }
        if (sid == null) {
            sid = services.get("*");
        }
        return Optional.ofNullable(sid);
    }

    private static String sanitize(String text) {
        return text == null ? "null" : text.replaceAll("\\p{Cntrl}", "?");
    }
}
