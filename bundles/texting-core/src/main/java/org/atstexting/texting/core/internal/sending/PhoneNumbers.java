package org.atstexting.texting.core.internal.sending;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;

/**
 * Turns numbers as people type them into E.164, the only form stored and compared.
 * libphonenumber's parse and validation cost more CPU per send than everything else the
 * core does (about 12 us), and a recruiter texts the same candidates again and again, so the
 * numbers already validated are remembered: up to {@value #REMEMBERED}, forgotten all at once
 * when full (a bulk job to many new numbers pays the full price for each, no more).
 */
public final class PhoneNumbers {

    static final int REMEMBERED = 10_000;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    private final Map<String, String> validated = new ConcurrentHashMap<>();

    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public String toE164(String input) throws TextingException {
        if (input == null || input.isBlank()) {
            throw new TextingException(Reason.INVALID_INPUT, "A phone number is required");
        }
        String known = validated.get(input);
        if (known != null) {
            return known;
        }
        String e164 = parse(input);
        if (validated.size() >= REMEMBERED) {
            validated.clear();
        }
        validated.put(input, e164);
        return e164;
    }

    private String parse(String input) throws TextingException {
        try {
            PhoneNumber number = util.parse(input, defaultRegion);
            if (!util.isValidNumber(number)) {
                throw new TextingException(Reason.INVALID_INPUT,
                        "'" + input + "' is not a valid phone number for region " + defaultRegion);
            }
            return util.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new TextingException(Reason.INVALID_INPUT,
                    "'" + input + "' is not a phone number: " + e.getMessage());
        }
    }
}
