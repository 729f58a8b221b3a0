package org.atstexting.texting.core.internal.optout;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises the texts that change consent. The whole text must be the keyword (any case,
 * surrounding white space ignored, spaces inside "OPT OUT" collapsed); anything else, such
 * as "Stop. Thank you" or "please stop", is an ordinary reply for a person to read.
 */
public final class OptOutKeywords {

    /** What a keyword asks for. */
    public enum Keyword {
        OPT_OUT,
        OPT_IN,
        HELP
    }

    static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
            "OPT OUT");
    static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "YES");
    static final Set<String> HELP = Set.of("HELP", "INFO");

    private OptOutKeywords() {
    }

    public static Optional<Keyword> classify(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String word = body.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(word)) {
            return Optional.of(Keyword.OPT_OUT);
        }
        if (OPT_IN.contains(word)) {
            return Optional.of(Keyword.OPT_IN);
        }
        if (HELP.contains(word)) {
            return Optional.of(Keyword.HELP);
        }
        return Optional.empty();
    }

    /** Whether a provider's refusal says the recipient opted out (e.g. Twilio's 21610). */
    public static boolean isProviderOptOut(String providerMessage) {
        if (providerMessage == null) {
            return false;
        }
        String m = providerMessage.toLowerCase(Locale.ROOT);
        return m.contains("opted out") || m.contains("opted-out") || m.contains("unsubscribed recipient")
                || m.contains("21610");
    }
}
